package org.sparkprop.nn;

/**
 * g_M(z_i) = exp(z_i) / Σ_j exp(z_j), row by row.
 *
 * <p>Per unit, g'_M(z_i) = g_M(z_i)(1 − g_M(z_i)): that is the diagonal of the Jacobian
 * ∂s_i/∂z_k = s_i(1[i=k] − s_k). Backpropagating with the diagonal alone is wrong whenever the
 * error reaches more than one output, so {@link #backward} applies the whole Jacobian:
 * δ_i ← s_i(δ_i − Σ_k δ_k s_k). With cross-entropy the product collapses to t − s, which
 * {@link CrossEntropy} uses directly.
 */
public record Softmax() implements Activation {

  @Override
  public String name() {
    return "softmax";
  }

  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int row = off + r * cols;
      // Subtracting the row maximum keeps exp() finite; the ratio is unchanged.
      float max = a[row];
      for (int j = 1; j < cols; j++) {
        max = Math.max(max, a[row + j]);
      }
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        float e = (float) Math.exp(a[row + j] - max);
        a[row + j] = e;
        sum += e;
      }
      float inv = (float) (1.0 / sum);
      for (int j = 0; j < cols; j++) {
        a[row + j] *= inv;
      }
    }
  }

  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int row = off + r * cols;
      float dot = 0f;
      for (int j = 0; j < cols; j++) {
        dot += delta[row + j] * s[row + j];
      }
      for (int j = 0; j < cols; j++) {
        delta[row + j] = s[row + j] * (delta[row + j] - dot);
      }
    }
  }
}
