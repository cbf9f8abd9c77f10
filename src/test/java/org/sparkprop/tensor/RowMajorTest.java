package org.sparkprop.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The row-major float kernels against naive loops, on views with offsets and leading dimensions
 * larger than the column count; everything outside a written view must stay untouched.
 * gemm tolerance: |a − b| ≤ 1e-5·Σ_l |α·A_il·B_lj| + |β·C_ij| + 1e-6 (float32 accumulation).
 */
class RowMajorTest {

  private static final float PAD = -777f;

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (2 * r.nextDouble() - 1);
    }
    return a;
  }

  /**
   * C ← α·op(A)·op(B) + β·C, op(A) m×k, op(B) k×n, against a triple loop in double, for every
   * transpose combination and several shapes (including k = 1, m = 1, n = 1).
   */
  @ParameterizedTest(name = "transA={0} transB={1} m={2} n={3} k={4}")
  @CsvSource({
      "false,false,5,4,3", "false,true,5,4,3", "true,false,5,4,3", "true,true,5,4,3",
      "false,false,1,7,6", "false,true,1,7,6", "true,false,1,7,6", "true,true,1,7,6",
      "false,false,9,1,2", "false,true,9,1,2", "true,false,9,1,2", "true,true,9,1,2",
      "false,false,3,5,1", "false,true,3,5,1", "true,false,3,5,1", "true,true,3,5,1",
      "false,false,33,17,29", "false,true,33,17,29", "true,false,33,17,29", "true,true,33,17,29"})
  void gemmMatchesNaiveTripleLoop(boolean transA, boolean transB, int m, int n, int k) {
    float alpha = 0.75f;
    float beta = -1.5f;
    // Stored shapes: A is m×k (or k×m when transposed), B is k×n (or n×k); padded rows.
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    int lda = aCols + 3;
    int ldb = bCols + 2;
    int ldc = n + 4;
    int aOff = 5;
    int bOff = 7;
    int cOff = 2;
    float[] a = random(aOff + aRows * lda + 3, 1 + m + 10L * n + 100L * k);
    float[] b = random(bOff + bRows * ldb + 3, 2 + m + 10L * n + 100L * k);
    float[] c = random(cOff + m * ldc + 3, 3 + m + 10L * n + 100L * k);
    // Mark the padding of C (outside the m×n view) so writes there are caught.
    for (int p = 0; p < c.length; p++) {
      int q = p - cOff;
      if (q < 0 || q >= m * ldc || q % ldc >= n) {
        c[p] = PAD;
      }
    }
    float[] before = c.clone();

    RowMajor.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);

    for (int p = 0; p < c.length; p++) {
      int q = p - cOff;
      if (q < 0 || q >= m * ldc || q % ldc >= n) {
        assertEquals(PAD, c[p], "C padding at " + p + " was written");
      }
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        double scale = 0;
        for (int l = 0; l < k; l++) {
          double ail = transA ? a[aOff + l * lda + i] : a[aOff + i * lda + l];
          double blj = transB ? b[bOff + j * ldb + l] : b[bOff + l * ldb + j];
          sum += ail * blj;
          scale += Math.abs(alpha * ail * blj);
        }
        double cij = before[cOff + i * ldc + j];
        double expected = alpha * sum + beta * cij;
        double tol = 1e-5 * (scale + Math.abs(beta * cij)) + 1e-6;
        assertEquals(expected, c[cOff + i * ldc + j], tol, "C[" + i + "][" + j + "]");
      }
    }
  }

  /** β = 0 overwrites C, even if it held NaN (BLAS semantics the forward pass relies on). */
  @Test
  void gemmWithBetaZeroIgnoresOldC() {
    float[] a = {1, 2, 3, 4};        // 2×2
    float[] b = {5, 6, 7, 8};        // 2×2
    float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
    RowMajor.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
    assertEquals(19f, c[0]);
    assertEquals(22f, c[1]);
    assertEquals(43f, c[2]);
    assertEquals(50f, c[3]);
  }

  /** Every row of the C view becomes the strided vector v; padding is untouched. */
  @Test
  void broadcastRowsCopiesAStridedVectorIntoEveryRow() {
    float[] v = new float[20];
    for (int p = 0; p < v.length; p++) {
      v[p] = p;
    }
    int rows = 3;
    int cols = 4;
    int ldc = 6;
    int cOff = 1;
    float[] c = new float[cOff + rows * ldc + 2];
    java.util.Arrays.fill(c, PAD);
    RowMajor.broadcastRows(v, 2, 5, rows, cols, c, cOff, ldc);
    for (int p = 0; p < c.length; p++) {
      int q = p - cOff;
      if (q < 0 || q >= rows * ldc || q % ldc >= cols) {
        assertEquals(PAD, c[p], "padding at " + p);
      } else {
        assertEquals(2 + 5 * (q % ldc), c[p], "C[" + q / ldc + "][" + q % ldc + "]");
      }
    }
  }

  /** Contiguous and strided outputs, the latter with a caller's ones (longer than needed). */
  @Test
  void addColumnSumsContiguouslyAndWithScratch() {
    int rows = 37;
    int cols = 11;
    int lda = 13;
    float[] a = random(rows * lda, 4);
    float[] contiguous = new float[cols + 2];
    java.util.Arrays.fill(contiguous, 1f);
    RowMajor.addColumnSums(2f, a, 0, lda, rows, cols, contiguous, 1, 1, ones(rows));
    float[] strided = new float[3 * cols];
    java.util.Arrays.fill(strided, 1f);
    RowMajor.addColumnSums(2f, a, 0, lda, rows, cols, strided, 0, 3, ones(rows + 5));
    for (int j = 0; j < cols; j++) {
      double sum = 0;
      for (int i = 0; i < rows; i++) {
        sum += a[i * lda + j];
      }
      assertEquals(1 + 2 * sum, contiguous[1 + j], 1e-4, "contiguous column " + j);
      assertEquals(1 + 2 * sum, strided[3 * j], 1e-4, "strided column " + j);
      assertEquals(1f, strided[3 * j + 1]);
    }
    assertEquals(1f, contiguous[0]);
    assertEquals(1f, contiguous[cols + 1]);
  }

  @Test
  void broadcastRowsOfNoRowsWritesNothing() {
    float[] c = {PAD};
    RowMajor.broadcastRows(new float[] {1f, 2f}, 0, 1, 0, 2, c, 0, 2);
    assertEquals(PAD, c[0]);
  }

  /** out[j·stride] += α·Σ_i A[i][j], accumulating onto what out held. */
  @Test
  void addColumnSumsAccumulatesStridedColumnSums() {
    int rows = 4;
    int cols = 3;
    int lda = 5;
    int aOff = 2;
    float[] a = random(aOff + rows * lda, 9);
    float[] out = new float[1 + cols * 4];
    java.util.Arrays.fill(out, 10f);
    RowMajor.addColumnSums(-0.5f, a, aOff, lda, rows, cols, out, 1, 4, ones(rows));
    for (int p = 0; p < out.length; p++) {
      if (p >= 1 && (p - 1) % 4 == 0) {
        int j = (p - 1) / 4;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
          sum += a[aOff + i * lda + j];
        }
        assertEquals(10 - 0.5 * sum, out[p], 1e-5, "column " + j);
      } else {
        assertEquals(10f, out[p], "untouched at " + p);
      }
    }
  }

  @Test
  void argmaxFindsTheFirstLargestWithinTheRange() {
    float[] a = {100f, 1f, 5f, -2f, 5f, 3f, 100f};
    assertEquals(1, RowMajor.argmax(a, 1, 5), "first of the tied maxima, relative to off");
    assertEquals(0, RowMajor.argmax(a, 0, 7), "first of the tied maxima");
    assertEquals(0, RowMajor.argmax(a, 3, 1), "single element");
    assertEquals(2, RowMajor.argmax(new float[] {-3f, -2f, -1f}, 0, 3), "all negative");
    assertEquals(3, RowMajor.argmax(new float[] {0f, 1f, 2f, 3f}, 0, 4), "last");
  }

  private static float[] ones(int n) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, 1f);
    return v;
  }
}
