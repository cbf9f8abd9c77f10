package org.sparkprop.nn;

/**
 * Layer normalization (Ba, Kiros &amp; Hinton 2016; docs/equations.md, Normalization) of the
 * output s^k of a layer with M units, per sample, with the unbiased variance and the
 * learnable scale γ_i and shift β_i of the paper:
 * <pre>
 *   μ = (1/M) Σ_i s_i     σ² = (1/(M−1)) Σ_i (s_i − μ)²     x̂_i = (s_i − μ)/√(σ² + ε)
 *   ŝ_i = γ_i x̂_i + β_i
 * </pre>
 * Backward, with e = −∂q/∂ŝ, g_i = γ_i e_i and r = 1/√(σ² + ε) (differentiating μ and σ² too):
 * <pre>
 *   ∂q/∂γ_i = −Σ_n e_ni x̂_ni     ∂q/∂β_i = −Σ_n e_ni
 *   −∂q/∂s_i = r·(g_i − (1/M) Σ_j g_j − x̂_i (1/(M−1)) Σ_j g_j x̂_j)
 * </pre>
 * The statistics are per sample, so training and inference compute the same function.
 */
final class LayerNorm {

  private LayerNorm() {}

  /**
   * Normalizes rows × m values of a into out (γ, β at theta[gOff], theta[bOff]); keeps x̂ and
   * r = 1/σ per row (into invStd) for the backward pass.
   */
  static void forward(float[] a, int rows, int m, float[] xhat, float[] invStd, float[] out,
      float[] theta, int gOff, int bOff, float epsilon) {
    for (int n = 0; n < rows; n++) {
      int row = n * m;
      double sum = 0;
      for (int i = 0; i < m; i++) {
        sum += a[row + i];
      }
      double mu = sum / m;
      double sq = 0;
      for (int i = 0; i < m; i++) {
        double d = a[row + i] - mu;
        sq += d * d;
      }
      float r = (float) (1.0 / Math.sqrt(sq / Math.max(m - 1, 1) + epsilon));
      float mean = (float) mu;
      invStd[n] = r;
      for (int i = 0; i < m; i++) {
        float h = (a[row + i] - mean) * r;
        xhat[row + i] = h;
        out[row + i] = theta[gOff + i] * h + theta[bOff + i];
      }
    }
  }

  /**
   * In place on e (rows × m): on entry −∂q/∂ŝ, on return −∂q/∂s; adds ∂q/∂γ and ∂q/∂β into
   * grad. {@code acc} is scratch of 2·m doubles.
   */
  static void backward(float[] e, float[] xhat, float[] invStd, int rows, int m, float[] theta,
      int gOff, int bOff, float[] grad, double[] acc) {
    java.util.Arrays.fill(acc, 0, 2 * m, 0.0);
    double meanScale = 1.0 / m;
    double varScale = 1.0 / Math.max(m - 1, 1);
    for (int n = 0; n < rows; n++) {
      int row = n * m;
      double sumG = 0;
      double sumGx = 0;
      for (int i = 0; i < m; i++) {
        float ei = e[row + i];
        float h = xhat[row + i];
        acc[i] += ei;
        acc[m + i] += ei * h;
        float g = theta[gOff + i] * ei;
        e[row + i] = g;
        sumG += g;
        sumGx += g * h;
      }
      float r = invStd[n];
      float meanG = (float) (sumG * meanScale);
      float corr = (float) (sumGx * varScale);
      for (int i = 0; i < m; i++) {
        e[row + i] = r * (e[row + i] - meanG - xhat[row + i] * corr);
      }
    }
    for (int i = 0; i < m; i++) {
      grad[bOff + i] -= (float) acc[i];
      grad[gOff + i] -= (float) acc[m + i];
    }
  }
}
