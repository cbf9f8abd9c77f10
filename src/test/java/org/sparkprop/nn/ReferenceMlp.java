package org.sparkprop.nn;

/**
 * Test oracle: a plain, per-sample multilayer perceptron written straight from docs/equations.md,
 * in double precision, with explicit loops over nodes i, inputs j and layers k. No BLAS and no
 * code from src/main beyond {@link ThetaLayout#index} (to find θ^k_ij in the flat Θ) and the
 * spec's layer sizes and activation/loss <em>names</em>; every g, g', loss and δ is re-derived
 * here.
 *
 * <p>Notation (1-based, as in docs/equations.md): layer k has nodes 1 ≤ i ≤ M_k; index 0 of every
 * s^k array is the homogeneous coordinate s^k_0 = 1, so that the bias θ^k_i0 is just the j = 0
 * term of φ^k_i = Σ_{j=0}^{M_{k−1}} θ^k_ij s^{k−1}_j. Node i there is node i − 1 of
 * {@link ThetaLayout#index}, whose node index starts at 0.
 *
 * <p>Backward pass, as in the backpropagation algorithm, with δ = −∂q/∂φ:
 * <pre>
 *   δ^L_i = g'(φ^L_i)·(t_i − s^L_i)                              (squared error)
 *   δ^k_i = g'(φ^k_i)·Σ_{r=1}^{M_{k+1}} δ^{k+1}_r θ^{k+1}_ri        (k &lt; L)
 *   ∂q/∂θ^k_ij = −δ^k_i s^{k−1}_j
 * </pre>
 * Written generally, δ^k_i = Σ_r (∂s^k_r/∂φ^k_i)·e^k_r with e^k_r = −∂q/∂s^k_r. For the
 * elementwise activations ∂s_r/∂φ_i is 0 for r ≠ i and the sum is g'(φ_i)·e_i. Softmax
 * is not elementwise: every s_r depends on every φ_i, with ∂s_r/∂φ_i = s_r(1[r=i] − s_i). The
 * unit's g'_M = g_M(1 − g_M) is only the diagonal r = i of that Jacobian; using it alone drops the
 * terms −s_r s_i e_r (r ≠ i), which vanish only if the error reaches a single output. So the
 * reference applies the full Jacobian for softmax wherever it appears (output with squared error,
 * or a hidden layer). For cross-entropy the error entering the softmax is e_r = −∂q/∂s_r =
 * t_r / s_r and the same Jacobian product is taken (no fused shortcut), so the reference checks
 * the main code's fused δ = t − s rather than repeating it.
 */
final class ReferenceMlp {

  private final int[] m;
  private final int depth;
  private final String hidden;
  private final String output;
  private final String loss;
  private final ThetaLayout layout;

  ReferenceMlp(NetworkSpec spec) {
    this.m = spec.sizes();
    this.depth = m.length - 1;
    this.hidden = spec.hidden().name();
    this.output = spec.output().name();
    this.loss = spec.loss().name();
    this.layout = new ThetaLayout(spec);
  }

  /** One sample's forward values: phi[k][i] and s[k][i] for 1 ≤ i ≤ M_k; s[k][0] = 1. */
  static final class Pass {
    final double[][] phi;
    final double[][] s;

    Pass(double[][] phi, double[][] s) {
      this.phi = phi;
      this.s = s;
    }

    /** The network outputs s^L_1 … s^L_{M_L}, 0-based. */
    double[] outputs() {
      double[] last = s[s.length - 1];
      double[] out = new double[last.length - 1];
      System.arraycopy(last, 1, out, 0, out.length);
      return out;
    }
  }

  int depth() {
    return depth;
  }

  int size(int k) {
    return m[k];
  }

  /** The activation name of layer k. */
  String activationName(int k) {
    return k == depth ? output : hidden;
  }

  /** θ^k_ij with the 1-based node i (j = 0 is the bias). */
  double theta(double[] theta, int k, int i, int j) {
    return theta[layout.index(k, i - 1, j)];
  }

  /** Forward pass of one sample x (M_0 values from x[xOff]). */
  Pass forward(double[] theta, double[] x, int xOff) {
    double[][] phi = new double[depth + 1][];
    double[][] s = new double[depth + 1][];
    s[0] = new double[m[0] + 1];
    s[0][0] = 1.0;
    for (int i = 1; i <= m[0]; i++) {
      s[0][i] = x[xOff + i - 1];
    }
    for (int k = 1; k <= depth; k++) {
      phi[k] = new double[m[k] + 1];
      for (int i = 1; i <= m[k]; i++) {
        double sum = 0;
        for (int j = 0; j <= m[k - 1]; j++) {
          sum += theta(theta, k, i, j) * s[k - 1][j];
        }
        phi[k][i] = sum;
      }
      s[k] = activate(activationName(k), phi[k], m[k]);
    }
    return new Pass(phi, s);
  }

  /** q_n for one sample with targets t (M_L values from t[tOff]). */
  double sampleLoss(Pass pass, double[] t, int tOff) {
    double[] s = pass.s[depth];
    double q = 0;
    for (int i = 1; i <= m[depth]; i++) {
      double ti = t[tOff + i - 1];
      switch (loss) {
        case "squared" -> q += 0.5 * (ti - s[i]) * (ti - s[i]);
        case "cross_entropy" -> q -= ti == 0 ? 0 : ti * Math.log(s[i]);
        default -> throw new IllegalArgumentException("reference has no loss " + loss);
      }
    }
    return q;
  }

  /**
   * Adds ∂q_n/∂Θ (= −δ^k_i s^{k−1}_j) for one sample into grad and returns q_n.
   */
  double sampleGradient(double[] theta, double[] x, int xOff, double[] t, int tOff,
      double[] grad) {
    Pass pass = forward(theta, x, xOff);
    double q = sampleLoss(pass, t, tOff);
    double[][] delta = new double[depth + 1][];
    // Output layer: e_i = −∂q/∂s^L_i.
    double[] e = new double[m[depth] + 1];
    double[] sL = pass.s[depth];
    for (int i = 1; i <= m[depth]; i++) {
      double ti = t[tOff + i - 1];
      e[i] = switch (loss) {
        case "squared" -> ti - sL[i];
        case "cross_entropy" -> ti == 0 ? 0 : ti / sL[i];
        default -> throw new IllegalArgumentException("reference has no loss " + loss);
      };
    }
    delta[depth] = applyDerivative(activationName(depth), pass.phi[depth], pass.s[depth], e,
        m[depth]);
    // Hidden layers, from the output down: e^k_i = Σ_r δ^{k+1}_r θ^{k+1}_ri.
    for (int k = depth - 1; k >= 1; k--) {
      double[] ek = new double[m[k] + 1];
      for (int i = 1; i <= m[k]; i++) {
        double sum = 0;
        for (int r = 1; r <= m[k + 1]; r++) {
          sum += delta[k + 1][r] * theta(theta, k + 1, r, i);
        }
        ek[i] = sum;
      }
      delta[k] = applyDerivative(activationName(k), pass.phi[k], pass.s[k], ek, m[k]);
    }
    for (int k = 1; k <= depth; k++) {
      for (int i = 1; i <= m[k]; i++) {
        for (int j = 0; j <= m[k - 1]; j++) {
          grad[layout.index(k, i - 1, j)] -= delta[k][i] * pass.s[k - 1][j];
        }
      }
    }
    return q;
  }

  // ---- batch helpers (a plain loop over samples) ----

  /** Σ_n q_n over rows samples stored row-major (x from xOff, t from tOff). */
  double lossSum(double[] theta, double[] x, int xOff, double[] t, int tOff, int rows) {
    double sum = 0;
    for (int n = 0; n < rows; n++) {
      Pass pass = forward(theta, x, xOff + n * m[0]);
      sum += sampleLoss(pass, t, tOff + n * m[depth]);
    }
    return sum;
  }

  /** Adds ∂(Σ_n q_n)/∂Θ into grad and returns Σ_n q_n. */
  double gradientSum(double[] theta, double[] x, int xOff, double[] t, int tOff, int rows,
      double[] grad) {
    double sum = 0;
    for (int n = 0; n < rows; n++) {
      sum += sampleGradient(theta, x, xOff + n * m[0], t, tOff + n * m[depth], grad);
    }
    return sum;
  }

  /** The outputs s^L of rows samples, row-major (rows × M_L). */
  double[] outputs(double[] theta, double[] x, int xOff, int rows) {
    double[] out = new double[rows * m[depth]];
    for (int n = 0; n < rows; n++) {
      double[] s = forward(theta, x, xOff + n * m[0]).outputs();
      System.arraycopy(s, 0, out, n * m[depth], s.length);
    }
    return out;
  }

  /**
   * The smallest |φ^k_i| over all ReLU layers and samples (+∞ without ReLU layers): how far the
   * batch is from a kink of max(0, z).
   */
  double reluMargin(double[] theta, double[] x, int xOff, int rows) {
    double margin = Double.POSITIVE_INFINITY;
    for (int n = 0; n < rows; n++) {
      Pass pass = forward(theta, x, xOff + n * m[0]);
      for (int k = 1; k <= depth; k++) {
        if (activationName(k).equals("relu")) {
          for (int i = 1; i <= m[k]; i++) {
            margin = Math.min(margin, Math.abs(pass.phi[k][i]));
          }
        }
      }
    }
    return margin;
  }

  // ---- activations, from the formulas of docs/equations.md ----

  /** s_i = g(φ_i) for 1 ≤ i ≤ size, with s_0 = 1. */
  static double[] activate(String name, double[] phi, int size) {
    double[] s = new double[size + 1];
    s[0] = 1.0;
    if (name.equals("softmax")) {
      // g_M(z_i) = exp(z_i) / Σ_j exp(z_j); the maximum is subtracted only to avoid overflow
      // (the ratio is unchanged).
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 1; i <= size; i++) {
        max = Math.max(max, phi[i]);
      }
      double sum = 0;
      for (int i = 1; i <= size; i++) {
        sum += Math.exp(phi[i] - max);
      }
      for (int i = 1; i <= size; i++) {
        s[i] = Math.exp(phi[i] - max) / sum;
      }
      return s;
    }
    for (int i = 1; i <= size; i++) {
      s[i] = g(name, phi[i]);
    }
    return s;
  }

  /** An elementwise activation g(z), as in docs/equations.md. */
  static double g(String name, double z) {
    return switch (name) {
      case "linear" -> z;
      case "relu" -> Math.max(0, z);
      case "step" -> z > 0 ? 1 : z < 0 ? -1 : 0;
      case "sigmoid" -> 1.0 / (1.0 + Math.exp(-z));
      case "tanh" -> (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z));
      case "softsign" -> z / (1 + Math.abs(z));
      default -> throw new IllegalArgumentException("no elementwise activation " + name);
    };
  }

  /** g'(z) of an elementwise activation, in closed form. */
  static double gPrime(String name, double z) {
    return switch (name) {
      case "linear" -> 1;
      case "relu" -> {
        if (z == 0) {
          throw new IllegalArgumentException("g'_U(0) is undefined");
        }
        yield z > 0 ? 1 : 0;
      }
      case "sigmoid" -> g("sigmoid", z) * (1 - g("sigmoid", z));
      case "tanh" -> 1 - g("tanh", z) * g("tanh", z);
      case "softsign" -> 1 / ((1 + Math.abs(z)) * (1 + Math.abs(z)));
      default -> throw new IllegalArgumentException("no usable derivative for " + name);
    };
  }

  /** δ_i = Σ_r (∂s_r/∂φ_i)·e_r: g'(φ_i)·e_i elementwise, the full Jacobian for softmax. */
  static double[] applyDerivative(String name, double[] phi, double[] s, double[] e, int size) {
    double[] delta = new double[size + 1];
    for (int i = 1; i <= size; i++) {
      if (name.equals("softmax")) {
        double sum = 0;
        for (int r = 1; r <= size; r++) {
          sum += s[r] * ((r == i ? 1 : 0) - s[i]) * e[r];
        }
        delta[i] = sum;
      } else {
        delta[i] = gPrime(name, phi[i]) * e[i];
      }
    }
    return delta;
  }

  static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }
}
