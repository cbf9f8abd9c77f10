package org.sparkprop.nn;

/**
 * Test oracle for the architectures beyond the perceptron: a plain double-precision forward pass
 * of a feed-forward network written from the equations, with explicit loops over samples n,
 * nodes i, inputs j and layers k, and no code from src/main beyond {@link ThetaLayout}'s index
 * functions (to find θ^{k',k}_ij, α_i, γ_i, β_i in Θ), the spec's sizes, names and parameters,
 * and {@link Dropout}'s mask (a random draw, not a formula to check).
 *
 * <p>Per layer k and sample n, from docs/equations.md and the papers cited in src/main:
 * <pre>
 *   s^0 = x, or x̂_j = (x_j − μ_j)/√(σ_j² + ε)
 *   φ_i = θ^k_i0 + Σ_{k' ∈ inputs(k)} Σ_j θ^{k',k}_ij s^{k'}_j
 *   a_i = g(φ_i)       (maxout: max_p φ_{i·K+p};  PReLU: φ_i if φ_i &gt; 0 else α_i φ_i)
 *   layer norm:  μ = mean_i a_i, σ² = Σ_i (a_i − μ)²/(M − 1), â_i = γ_i (a_i − μ)/√(σ² + ε) + β_i
 *   batch norm:  per unit over the batch (training: its μ_i, σ_i² with b − 1; inference: the
 *                running ones), â = γ (a − μ)/√(σ² + ε) + β
 *   drop-out (training): â_i·m_ni;   residual: + s^{a}_i
 * </pre>
 * Only the forward pass: gradients are checked against central differences of {@link #lossSum}.
 */
final class ReferenceNet {

  private final NetworkSpec spec;
  private final ThetaLayout layout;
  private final double[] state;
  private final NetworkState stateLayout;

  /** With the state values (standardization, running statistics) of {@code network}. */
  ReferenceNet(Network network) {
    this.spec = network.spec();
    this.layout = network.layout();
    this.stateLayout = network.state();
    this.state = ReferenceMlp.toDouble(network.state().values());
  }

  /** Every layer's outputs s[k][n][i] for rows samples, and the kink margin. */
  static final class Pass {
    double[][][] s;
    double margin = Double.POSITIVE_INFINITY;
  }

  Pass forward(double[] theta, double[] x, int xOff, int rows, boolean training, long seed) {
    int depth = spec.depth();
    double eps = spec.architecture().epsilon();
    Pass pass = new Pass();
    double[][][] s = new double[depth + 1][rows][];
    pass.s = s;
    int m0 = spec.size(0);
    for (int n = 0; n < rows; n++) {
      s[0][n] = new double[m0];
      for (int j = 0; j < m0; j++) {
        double v = x[xOff + n * m0 + j];
        if (spec.standardize()) {
          float[] mu = stateLayout.inputMean();
          float[] var = stateLayout.inputVariance();
          v = (v - mu[j]) / Math.sqrt((double) var[j] + eps);
        }
        s[0][n][j] = v;
      }
    }
    for (int k = 1; k <= depth; k++) {
      int m = spec.size(k);
      Activation g = spec.activation(k);
      int pieces = g.pieces();
      double[][] a = new double[rows][m];
      for (int n = 0; n < rows; n++) {
        double[] phi = new double[m * pieces];
        for (int r = 0; r < m * pieces; r++) {
          double sum = theta[layout.index(k, r, 0)];
          for (int from : spec.inputs(k)) {
            for (int j = 1; j <= spec.size(from); j++) {
              sum += theta[layout.index(k, from, r, j)] * s[from][n][j - 1];
            }
          }
          phi[r] = sum;
        }
        a[n] = activate(g, k, phi, m, theta, pass);
      }
      switch (spec.normalization(k)) {
        case LAYER -> {
          for (int n = 0; n < rows; n++) {
            double mu = 0;
            for (int i = 0; i < m; i++) {
              mu += a[n][i] / m;
            }
            double var = 0;
            for (int i = 0; i < m; i++) {
              var += (a[n][i] - mu) * (a[n][i] - mu) / (m - 1);
            }
            for (int i = 0; i < m; i++) {
              a[n][i] = theta[layout.gammaOffset(k) + i] * (a[n][i] - mu) / Math.sqrt(var + eps)
                  + theta[layout.betaOffset(k) + i];
            }
          }
        }
        case BATCH -> {
          for (int i = 0; i < m; i++) {
            double mu;
            double var;
            if (training) {
              mu = 0;
              for (int n = 0; n < rows; n++) {
                mu += a[n][i] / rows;
              }
              var = 0;
              for (int n = 0; n < rows; n++) {
                var += (a[n][i] - mu) * (a[n][i] - mu);
              }
              var /= Math.max(rows - 1, 1);
            } else {
              mu = stateLayout.runningMean(k)[i];
              var = stateLayout.runningVariance(k)[i];
            }
            for (int n = 0; n < rows; n++) {
              a[n][i] = theta[layout.gammaOffset(k) + i] * (a[n][i] - mu) / Math.sqrt(var + eps)
                  + theta[layout.betaOffset(k) + i];
            }
          }
        }
        case NONE -> {
          // as it is
        }
      }
      if (training && spec.dropout(k) > 0f) {
        float[] ones = new float[rows * m];
        java.util.Arrays.fill(ones, 1f);
        float[] mask = new float[rows * m];
        Dropout.apply(ones, mask, rows, m, spec.dropout(k), seed, k);
        for (int n = 0; n < rows; n++) {
          for (int i = 0; i < m; i++) {
            a[n][i] *= mask[n * m + i];
          }
        }
      }
      for (int from : spec.residual(k)) {
        for (int n = 0; n < rows; n++) {
          for (int i = 0; i < m; i++) {
            a[n][i] += s[from][n][i];
          }
        }
      }
      s[k] = a;
    }
    return pass;
  }

  private double[] activate(Activation g, int k, double[] phi, int m, double[] theta, Pass pass) {
    double[] a = new double[m];
    if (g instanceof Softmax) {
      double max = Double.NEGATIVE_INFINITY;
      for (double z : phi) {
        max = Math.max(max, z);
      }
      double sum = 0;
      for (double z : phi) {
        sum += Math.exp(z - max);
      }
      for (int i = 0; i < m; i++) {
        a[i] = Math.exp(phi[i] - max) / sum;
      }
      return a;
    }
    for (int i = 0; i < m; i++) {
      if (g instanceof Maxout maxout) {
        double best = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < maxout.k(); p++) {
          double z = phi[i * maxout.k() + p];
          if (z > best) {
            second = best;
            best = z;
          } else if (z > second) {
            second = z;
          }
        }
        a[i] = best;
        pass.margin = Math.min(pass.margin, best - second);
        continue;
      }
      double z = phi[i];
      if (g instanceof LeakyRelu leaky) {
        a[i] = z > 0 ? z : leaky.alpha() * z;
      } else if (g instanceof Elu elu) {
        a[i] = z >= 0 ? z : elu.alpha() * (Math.exp(z) - 1);
      } else if (g instanceof PRelu) {
        a[i] = z > 0 ? z : theta[layout.alphaOffset(k) + i] * z;
      } else {
        a[i] = ReferenceMlp.g(g.name(), z);
      }
      if (g.rectifier()) {
        pass.margin = Math.min(pass.margin, Math.abs(z));
      }
    }
    return a;
  }

  /** The outputs s^L, row-major. */
  double[] outputs(double[] theta, double[] x, int xOff, int rows, boolean training, long seed) {
    double[][] last = forward(theta, x, xOff, rows, training, seed).s[spec.depth()];
    int c = spec.size(spec.depth());
    double[] out = new double[rows * c];
    for (int n = 0; n < rows; n++) {
      System.arraycopy(last[n], 0, out, n * c, c);
    }
    return out;
  }

  /** Σ_n q_n: ½ Σ (t − s)² or −Σ t log s. */
  double lossSum(double[] theta, double[] x, int xOff, double[] t, int tOff, int rows,
      boolean training, long seed) {
    double[] s = outputs(theta, x, xOff, rows, training, seed);
    boolean squared = spec.loss() instanceof SquaredError;
    double q = 0;
    for (int p = 0; p < s.length; p++) {
      double target = t[tOff + p];
      q += squared ? 0.5 * (target - s[p]) * (target - s[p])
          : target == 0 ? 0 : -target * Math.log(s[p]);
    }
    return q;
  }

  /** The smallest distance of a rectifier's φ from 0 or between maxout's two largest pieces. */
  double margin(double[] theta, double[] x, int xOff, int rows, boolean training, long seed) {
    return forward(theta, x, xOff, rows, training, seed).margin;
  }
}
