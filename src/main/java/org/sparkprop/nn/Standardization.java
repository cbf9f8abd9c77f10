package org.sparkprop.nn;

/**
 * Standardization of the inputs (docs/equations.md, Normalization): with the training set
 * S = {x_1 … x_N},
 * <pre>
 *   μ_j = (1/N) Σ_n x_nj        σ_j² = (1/(N−1)) Σ_n (x_nj − μ_j)²        x̂_j = (x_j − μ_j)/√(σ_j² + ε)
 * </pre>
 * μ and σ² are computed in one pass ({@link InputMoments}: Welford's update, in double, and
 * Chan's merge of parts computed apart) and kept in the model's
 * {@link NetworkState}, so that the model applies x̂ itself and takes raw features, in training
 * and in inference alike. They are constants, not parameters: no gradient flows into them.
 */
final class Standardization {

  private Standardization() {}

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
