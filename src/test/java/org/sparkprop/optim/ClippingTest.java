package org.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClippingTest {

  static double norm(float[] g) {
    double s = 0;
    for (float x : g) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  @Test
  void clipNormScalesALongGradientToTheLimitKeepingItsDirection() {
    float[] g = {3f, -4f, 0f};
    assertEquals(5.0, new ClipNorm(1).apply(g), 0);
    assertArrayEquals(new float[] {0.6f, -0.8f, 0f}, g, 1e-7f);
    assertEquals(1.0, norm(g), 1e-6);

    float[] h = {3f, -4f};
    assertEquals(5.0, ClipNorm.clip(h, 4.5), 0);   // just over the limit
    assertArrayEquals(new float[] {2.7f, -3.6f}, h, 1e-6f);
    assertEquals(4.5, norm(h), 1e-6);
  }

  @Test
  void clipNormLeavesAShortGradientAlone() {
    float[] g = {3f, -4f};
    assertEquals(5.0, ClipNorm.clip(g, 5.0), 0);
    assertArrayEquals(new float[] {3f, -4f}, g);
    assertEquals(5.0, ClipNorm.clip(g, 10), 0);
    assertArrayEquals(new float[] {3f, -4f}, g);
  }

  @Test
  void clipNormDoesNotOverflowOnHugeGradients() {
    float[] g = {3e30f, 4e30f};
    assertEquals(5e30, ClipNorm.clip(g, 1), 1e24);
    assertTrue(norm(g) <= 1 + 1e-6, "norm " + norm(g));
    assertEquals(0.6f, g[0], 1e-6f);
  }

  @Test
  void clipValueClampsEachEntry() {
    float[] g = {-3f, 0.5f, 2f, -0.2f, 1f, -1.5f, 1.25f, -1f};
    assertEquals(4, new ClipValue(1f).apply(g));
    assertArrayEquals(new float[] {-1f, 0.5f, 1f, -0.2f, 1f, -1f, 1f, -1f}, g);
    assertEquals(0, ClipValue.clip(g, 1f));
  }

  @Test
  void validation() {
    assertEquals("setting clipNorm is '0.0'; it must be a finite number > 0",
        assertThrows(IllegalArgumentException.class, () -> new ClipNorm(0)).getMessage());
    assertEquals("setting clipValue is '-1.0'; it must be a finite number > 0",
        assertThrows(IllegalArgumentException.class, () -> new ClipValue(-1f)).getMessage());
    assertEquals("ClipNorm(clipNorm=5.0)", new ClipNorm(5).toString());
    assertEquals("ClipValue(clipValue=0.5)", new ClipValue(0.5f).toString());
  }
}
