package org.sparkprop.nn;

/**
 * Standardization of the inputs (docs/equations.md, Normalization): with the training set
 * S = {x_1 … x_N},
 * <pre>
 *   μ_j = (1/N) Σ_n x_nj        σ_j² = (1/(N−1)) Σ_n (x_nj − μ_j)²        x̂_j = (x_j − μ_j)/√(σ_j² + ε)
 * </pre>
 * μ and σ² are computed in one pass (Welford's update, in double) and kept in the model's
 * {@link NetworkState}, so that the model applies x̂ itself and takes raw features, in training
 * and in inference alike. They are constants, not parameters: no gradient flows into them.
 */
final class Standardization {

  private Standardization() {}

  /**
   * One pass over {@code rows} samples (row-major, {@code cols} columns from xOff): writes μ_j
   * into mean[meanOff + j] and σ_j² (denominator N − 1; 0 for N ≤ 1) into var[varOff + j].
   */
  static void fit(float[] x, int xOff, int rows, int cols, float[] mean, int meanOff,
      float[] var, int varOff) {
    double[] mu = new double[cols];
    double[] m2 = new double[cols];
    for (int n = 0; n < rows; n++) {
      int row = xOff + n * cols;
      double inv = 1.0 / (n + 1);
      for (int j = 0; j < cols; j++) {
        double v = x[row + j];
        double d = v - mu[j];
        mu[j] += d * inv;
        m2[j] += d * (v - mu[j]);
      }
    }
    for (int j = 0; j < cols; j++) {
      mean[meanOff + j] = (float) mu[j];
      var[varOff + j] = rows > 1 ? (float) (m2[j] / (rows - 1)) : 0f;
    }
  }

  /** scale[j] = 1/√(σ_j² + ε). */
  static void scales(float[] var, int varOff, int cols, float epsilon, float[] scale) {
    for (int j = 0; j < cols; j++) {
      scale[j] = (float) (1.0 / Math.sqrt((double) var[varOff + j] + epsilon));
    }
  }

  /** out[n][j] = (x[n][j] − μ_j)·scale[j] for rows × cols values. */
  static void apply(float[] x, int xOff, int rows, int cols, float[] mean, int meanOff,
      float[] scale, float[] out) {
    for (int n = 0; n < rows; n++) {
      int in = xOff + n * cols;
      int o = n * cols;
      for (int j = 0; j < cols; j++) {
        out[o + j] = (x[in + j] - mean[meanOff + j]) * scale[j];
      }
    }
  }
}
