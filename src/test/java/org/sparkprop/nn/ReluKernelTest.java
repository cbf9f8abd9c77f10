package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The branch-free ReLU kernels keep the definition value by value, edge cases included:
 * g(z) = max(0, z), and g'(z) = 1 for s &gt; 0, 0 otherwise (g'(0) = 0).
 */
class ReluKernelTest {

  private static final float TINY = Float.MIN_VALUE; // the smallest positive (subnormal) float

  @Test
  void forwardIsMaxOfZero() {
    float[] a = {-3f, -TINY, -0f, 0f, TINY, 2.5f, Float.NEGATIVE_INFINITY,
        Float.POSITIVE_INFINITY, Float.NaN, 7f};
    new Relu().forward(a, 1, 2, 4); // values 1..8 only
    float[] expected = {-3f, 0f, 0f, 0f, TINY, 2.5f, 0f, Float.POSITIVE_INFINITY, Float.NaN, 7f};
    for (int i = 0; i < a.length; i++) {
      assertEquals(expected[i], a[i], "a[" + i + "]");
    }
    assertEquals(0, Float.floatToRawIntBits(a[2]), "−0 becomes +0");
  }

  @Test
  void backwardKeepsDeltaExactlyWhereTheOutputIsPositive() {
    float[] s = {5f, 0f, -0f, TINY, 1e-30f, Float.POSITIVE_INFINITY, -2f, 3f, 1f};
    float[] delta = {9f, -1.5f, 2f, -0.25f, 3e-7f, 4f, 6f, -8f, 1f};
    float[] original = delta.clone();
    new Relu().backward(s, delta, 1, 1, 7); // indices 1..7
    assertEquals(9f, delta[0], "outside the range");
    assertTrue(delta[1] == 0f, "s = 0: g'(0) = 0");
    assertTrue(delta[2] == 0f, "s = −0");
    assertEquals(original[3], delta[3], "the smallest positive s keeps δ");
    assertEquals(original[4], delta[4]);
    assertEquals(original[5], delta[5], "s = +∞");
    assertTrue(delta[6] == 0f, "negative s");
    assertEquals(original[7], delta[7]);
    assertEquals(1f, delta[8], "outside the range");
    for (int i = 1; i <= 7; i++) {
      assertTrue(Float.floatToRawIntBits(delta[i]) == Float.floatToRawIntBits(original[i])
          || delta[i] == 0f, "δ is kept bit for bit or set to zero, at " + i);
    }
  }

  @Test
  void leakyKernelsKeepTheirDefinition() {
    LeakyRelu g = new LeakyRelu(0.1f);
    float[] a = {-3f, -TINY, -0f, 0f, TINY, 2.5f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
    g.forward(a, 0, 1, a.length);
    float[] expected = {-3f * 0.1f, -TINY * 0.1f, -0f, 0f, TINY, 2.5f, Float.NEGATIVE_INFINITY,
        Float.POSITIVE_INFINITY};
    for (int i = 0; i < a.length; i++) {
      assertEquals(expected[i], a[i], "a[" + i + "]");
    }
    float[] s = {5f, 0f, -0f, TINY, -2f, Float.POSITIVE_INFINITY, -0.3f};
    float[] delta = {2f, 2f, 2f, 2f, 2f, -7f, -7f};
    g.backward(s, delta, 0, 1, s.length);
    float[] slope = {1f, 0.1f, 0.1f, 1f, 0.1f, 1f, 0.1f};
    for (int i = 0; i < s.length; i++) {
      float original = i < 5 ? 2f : -7f;
      assertEquals(original * slope[i], delta[i], "δ[" + i + "] with s = " + s[i]);
    }
  }
}
