package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Softmax g_M(z_i) = exp(z_i) / Σ_j exp(z_j), row by row: rows are distributions, large inputs do
 * not overflow, and backward applies the full Jacobian ∂s_r/∂z_i = s_r(1[r=i] − s_i), whose
 * diagonal is the per-unit g_M(1 − g_M).
 */
class SoftmaxTest {

  private final Softmax softmax = new Softmax();

  private static double[] exact(double... z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : z) {
      sum += Math.exp(v - max);
    }
    double[] s = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      s[i] = Math.exp(z[i] - max) / sum;
    }
    return s;
  }

  @Test
  void rowsAreDistributionsMatchingTheFormula() {
    float[][] rows = {{0.5f, -1f, 2f, 0f}, {3f, 3f, 3f, 3f}, {-7f, 0.1f, 4f, -0.3f}};
    float[] a = new float[1 + 12 + 1];
    a[0] = 42f;
    a[13] = 43f;
    for (int r = 0; r < 3; r++) {
      System.arraycopy(rows[r], 0, a, 1 + 4 * r, 4);
    }
    softmax.forward(a, 1, 3, 4);
    assertEquals(42f, a[0], "before the block");
    assertEquals(43f, a[13], "after the block");
    for (int r = 0; r < 3; r++) {
      double[] z = new double[4];
      for (int i = 0; i < 4; i++) {
        z[i] = rows[r][i];
      }
      double[] expected = exact(z);
      double sum = 0;
      for (int i = 0; i < 4; i++) {
        float s = a[1 + 4 * r + i];
        assertTrue(s > 0 && s < 1, "s in (0, 1)");
        Close.assertClose(expected[i], s, 1e-6, 1e-7, "row " + r + " s_" + i);
        sum += s;
      }
      assertEquals(1.0, sum, 1e-6, "row " + r + " sums to 1");
    }
  }

  @Test
  void largeInputsDoNotOverflow() {
    float[] a = {1000f, 999f, 998f, -1000f, -1001f, -1003f, 1000f, -1000f, 0f};
    softmax.forward(a, 0, 3, 3);
    double[][] expected = {exact(2, 1, 0), exact(2, 1, -1), exact(1000, -1000, 0)};
    for (int r = 0; r < 3; r++) {
      double sum = 0;
      for (int i = 0; i < 3; i++) {
        float s = a[3 * r + i];
        assertTrue(Float.isFinite(s), "row " + r + " s_" + i + " is " + s);
        Close.assertClose(expected[r][i], s, 1e-6, 1e-7, "row " + r + " s_" + i);
        sum += s;
      }
      assertEquals(1.0, sum, 1e-6, "row " + r + " sums to 1");
    }
  }

  /** With δ = e_i, the backward step gives the diagonal g_M(z_i)(1 − g_M(z_i)) at i. */
  @Test
  void diagonalOfTheJacobianIsTheNotesDerivative() {
    float[] s = {0.5f, -1f, 2f, 0.25f};
    softmax.forward(s, 0, 1, 4);
    for (int i = 0; i < 4; i++) {
      float[] delta = new float[4];
      delta[i] = 1f;
      softmax.backward(s, delta, 0, 1, 4);
      Close.assertClose(s[i] * (1.0 - s[i]), delta[i], 1e-6, 1e-7, "diagonal " + i);
      for (int r = 0; r < 4; r++) {
        if (r != i) {
          Close.assertClose(-s[r] * (double) s[i], delta[r], 1e-6, 1e-7, "off-diagonal " + r);
        }
      }
    }
  }

  /**
   * For a general δ, backward equals the directional derivative Σ_r δ_r ∂s_r/∂z_i measured by
   * central differences of the exact softmax, and differs from the diagonal-only product (the
   * per-unit g'_M applied elementwise), which would be wrong here.
   */
  @Test
  void backwardIsTheFullJacobianProduct() {
    double[] z = {0.3, -1.2, 0.8, 0.1};
    float[] s = new float[4];
    for (int i = 0; i < 4; i++) {
      s[i] = (float) z[i];
    }
    softmax.forward(s, 0, 1, 4);
    double[] d = {1.0, -0.5, 2.0, 0.25};
    float[] delta = {1f, -0.5f, 2f, 0.25f};
    softmax.backward(s, delta, 0, 1, 4);
    double h = 1e-6;
    double maxDiagonalGap = 0;
    for (int i = 0; i < 4; i++) {
      double[] plus = z.clone();
      double[] minus = z.clone();
      plus[i] += h;
      minus[i] -= h;
      double[] sp = exact(plus);
      double[] sm = exact(minus);
      double numeric = 0;
      for (int r = 0; r < 4; r++) {
        numeric += d[r] * (sp[r] - sm[r]) / (2 * h);
      }
      Close.assertClose(numeric, delta[i], 1e-5, 1e-6, "(Jᵀδ)_" + i);
      maxDiagonalGap = Math.max(maxDiagonalGap, Math.abs(numeric - d[i] * s[i] * (1 - s[i])));
    }
    assertTrue(maxDiagonalGap > 0.1, "the test vector must tell full and diagonal apart");
  }
}
