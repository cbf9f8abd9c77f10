package org.sparkprop.tensor;

/**
 * The two products of a sparse row-major matrix X ({@link Csr}) with a dense row-major weight
 * block W (units × columns, leading dimension ldw) that a first layer needs, each touching only
 * the stored entries of X:
 * <pre>
 *   forward   Φ += α · X·Wᵀ            Φ_ri += α Σ_{p ∈ row r} x_p W_{i, j(p)}
 *   backward  G += α · Δᵀ·X            G_{i, j(p)} += α Σ_r Δ_ri x_p   (only columns j that occur)
 * </pre>
 * Both loop unit by unit, so that one weight row (and one gradient row) is read while every stored
 * entry of the rows is visited: the work is nnz(X) × units multiply-adds, against
 * rows × columns × units for the dense products.
 */
public final class SparseProducts {

  private SparseProducts() {}

  /**
   * phi[phiOff + r·ldphi + i] += alpha · Σ_p x_p · w[wOff + i·ldw + j(p)] for the rows
   * [first, first + rows) of {@code x} (written to rows 0 … rows − 1 of Φ) and units i &lt; units.
   */
  public static void timesTransposed(float alpha, Csr x, int first, int rows, float[] w,
      int wOff, int ldw, int units, float[] phi, int phiOff, int ldphi) {
    int[] start = x.rowStart();
    int[] index = x.index();
    float[] value = x.value();
    for (int i = 0; i < units; i++) {
      int row = wOff + i * ldw;
      for (int r = 0; r < rows; r++) {
        float sum = 0f;
        for (int p = start[first + r]; p < start[first + r + 1]; p++) {
          sum += value[p] * w[row + index[p]];
        }
        phi[phiOff + r * ldphi + i] += alpha * sum;
      }
    }
  }

  /**
   * g[gOff + i·ldg + j] += alpha · Σ_r delta[deltaOff + r·lddelta + i] · x_rj for the rows
   * [first, first + rows) of {@code x} (paired with rows 0 … rows − 1 of Δ) and units i &lt;
   * units; columns j that no row stores are not touched.
   */
  public static void addTransposedTimes(float alpha, float[] delta, int deltaOff, int lddelta,
      int units, Csr x, int first, int rows, float[] g, int gOff, int ldg) {
    int[] start = x.rowStart();
    int[] index = x.index();
    float[] value = x.value();
    for (int i = 0; i < units; i++) {
      int row = gOff + i * ldg;
      for (int r = 0; r < rows; r++) {
        float d = alpha * delta[deltaOff + r * lddelta + i];
        if (d == 0f) {
          continue;
        }
        for (int p = start[first + r]; p < start[first + r + 1]; p++) {
          g[row + index[p]] += d * value[p];
        }
      }
    }
  }
}
