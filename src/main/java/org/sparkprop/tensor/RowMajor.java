package org.sparkprop.tensor;

/**
 * Dense float32 kernels on row-major matrices stored in flat arrays with an offset and a leading
 * dimension (the distance between the starts of two rows), so that views into one flat Θ and
 * into reused batch buffers need no copies.
 *
 * <p>BLAS is column-major: a row-major m×n matrix is the column-major n×m transpose. Hence
 * row-major C = op(A)·op(B) is computed as column-major Cᵀ = op(B)ᵀ·op(A)ᵀ, i.e. sgemm with the
 * operands swapped.
 */
public final class RowMajor {

  private RowMajor() {}

  /**
   * C ← alpha·op(A)·op(B) + beta·C for row-major matrices: op(A) is m×k, op(B) is k×n, C is m×n.
   *
   * @param transA whether A is stored as k×m and used transposed
   * @param transB whether B is stored as n×k and used transposed
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    Blas.get().sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
        b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
  }

  /** Sets every row i &lt; rows of C (rows × cols, leading dimension ldc) to the strided vector v. */
  public static void broadcastRows(float[] v, int vOff, int vStride, int rows, int cols,
      float[] c, int cOff, int ldc) {
    if (rows == 0) {
      return;
    }
    // The strided gather once, into the first row; the other rows are contiguous copies of it.
    for (int j = 0; j < cols; j++) {
      c[cOff + j] = v[vOff + j * vStride];
    }
    for (int i = 1; i < rows; i++) {
      System.arraycopy(c, cOff, c, cOff + i * ldc, cols);
    }
  }

  /**
   * out[j·outStride] += alpha·Σ_i A[i][j]: the column sums of A (rows × cols, leading dimension
   * lda), given a vector of at least {@code rows} ones, so that nothing is allocated: the sums are
   * one sgemv, out += α·Aᵀ·1. (A Java loop either scatters one strided write per element or,
   * summing into a contiguous buffer, was not vectorized by the JIT here; either way it took
   * longer than the bias's share of the arithmetic warrants.)
   */
  public static void addColumnSums(float alpha, float[] a, int aOff, int lda, int rows, int cols,
      float[] out, int outOff, int outStride, float[] ones) {
    if (rows == 0 || cols == 0) {
      return;
    }
    // Row-major A (rows × cols) is column-major Aᵀ (cols × rows) with the same leading dimension.
    Blas.get().sgemv("N", cols, rows, alpha, a, aOff, lda, ones, 0, 1, 1f, out, outOff,
        outStride);
  }

  /** Index of the largest of the n values starting at off (the first one on ties). */
  public static int argmax(float[] a, int off, int n) {
    int best = 0;
    for (int j = 1; j < n; j++) {
      if (a[off + j] > a[off + best]) {
        best = j;
      }
    }
    return best;
  }
}
