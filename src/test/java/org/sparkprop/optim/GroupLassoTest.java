package org.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The group lasso's value and gradient: central differences, and 0 on a group at 0. */
class GroupLassoTest {

  @Test
  void theGradientIsTheDerivativeOfTheValueAndZeroOnAGroupAtZero() {
    float[] theta = {0.5f, -1.25f, 2f, 0.75f, 0f, 0f, 3f};
    GroupLasso p = new GroupLasso(0.3f, new int[] {0, 2, 4}, new int[] {2, 2, 2});
    double expected = 0.3 * (Math.hypot(0.5, 1.25) + Math.hypot(2, 0.75) + 0);
    assertEquals(expected, p.value(theta), 1e-6);
    float[] g = new float[theta.length];
    p.addGradient(theta, g);
    for (int i = 0; i < 4; i++) {
      float[] plus = theta.clone();
      float[] minus = theta.clone();
      plus[i] += 1e-3f;
      minus[i] -= 1e-3f;
      double fd = (p.value(plus) - p.value(minus)) / (plus[i] - minus[i]);
      assertEquals(fd, g[i], 1e-3, "entry " + i);
    }
    assertEquals(0f, g[4]);
    assertEquals(0f, g[5]);
    assertEquals(0f, g[6], "entry 6 belongs to no group");
  }
}
