package org.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class RegularizationTest {

  /**
   * A Θ laid out like a network with M = (2, 3, 1): layer 1 is 3 rows of (bias, w1, w2) at 0..8,
   * layer 2 one row of (bias, w1, w2, w3) at 9..12; the biases are at 0, 3, 6 and 9.
   */
  static final float[] THETA = {0.4f, -1.5f, 0.75f, -0.3f, 2.0f, -0.25f, 1.1f, 0.6f, -0.9f,
      -0.7f, 1.25f, -2.5f, 0.35f};
  static final int[] BIASES = {0, 3, 6, 9};
  static final ParameterMask WEIGHTS = ParameterMask.excluding(THETA.length, BIASES);

  /** Central differences of {@code f} at THETA, step h, dividing by the float-rounded step. */
  static double[] finiteDifferences(ToDoubleFunction<float[]> f, float h) {
    double[] d = new double[THETA.length];
    for (int i = 0; i < THETA.length; i++) {
      float[] plus = THETA.clone();
      float[] minus = THETA.clone();
      plus[i] += h;
      minus[i] -= h;
      d[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / ((double) plus[i] - minus[i]);
    }
    return d;
  }

  static void assertGradient(double[] expected, float[] actual, double tol) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), "entry " + i);
    }
  }

  @Test
  void l2ValueAndGradientAgainstFiniteDifferences() {
    L2Penalty l2 = new L2Penalty(0.3f, WEIGHTS);
    double sum = 0;
    for (int i = 0; i < THETA.length; i++) {
      if (i != 0 && i != 3 && i != 6 && i != 9) {
        sum += (double) THETA[i] * THETA[i];
      }
    }
    assertEquals(0.5 * (double) 0.3f * sum, l2.value(THETA), 1e-12);
    float[] g = new float[THETA.length];
    l2.addGradient(THETA, g);
    assertGradient(finiteDifferences(l2::value, 1e-2f), g, 1e-5);
  }

  @Test
  void l1ValueAndSubgradientAgainstFiniteDifferencesAwayFromZero() {
    L1Penalty l1 = new L1Penalty(0.2f, WEIGHTS);
    double sum = 0;
    for (int i = 0; i < THETA.length; i++) {
      if (i != 0 && i != 3 && i != 6 && i != 9) {
        sum += Math.abs(THETA[i]);
      }
    }
    assertEquals((double) 0.2f * sum, l1.value(THETA), 1e-12);
    float[] g = new float[THETA.length];
    l1.addGradient(THETA, g);
    // every |θ_i| ≥ 0.25 > h, so |·| is smooth on [θ_i − h, θ_i + h]
    assertGradient(finiteDifferences(l1::value, 1e-2f), g, 1e-5);
  }

  @Test
  void biasesAreExcluded() {
    float[] g = new float[THETA.length];
    new L2Penalty(1f, WEIGHTS).addGradient(THETA, g);
    new L1Penalty(1f, WEIGHTS).addGradient(THETA, g);
    for (int b : BIASES) {
      assertEquals(0f, g[b], "bias " + b);
    }
    float[] onlyBiases = new float[THETA.length];
    for (int b : BIASES) {
      onlyBiases[b] = 5f;
    }
    assertEquals(0, new L2Penalty(1f, WEIGHTS).value(onlyBiases));
    assertEquals(0, new L1Penalty(1f, WEIGHTS).value(onlyBiases));
    assertEquals(9, WEIGHTS.count());
    // with every entry included the biases count
    assertEquals(0.5 * 4 * 25, new L2Penalty(1f, ParameterMask.all(THETA.length)).value(onlyBiases));
  }

  @Test
  void addToAddsThePenaltyToALossAndItsGradient() {
    // q(Θ) = ½‖Θ − 1‖², plus L2 and L1 on the weights: the total gradient matches finite
    // differences of the total loss.
    float l2 = 0.1f;
    float l1 = 0.05f;
    ToDoubleFunction<float[]> total = theta -> {
      double q = 0;
      for (float t : theta) {
        q += 0.5 * (t - 1.0) * (t - 1.0);
      }
      return q + new L2Penalty(l2, WEIGHTS).value(theta) + new L1Penalty(l1, WEIGHTS).value(theta);
    };
    float[] g = new float[THETA.length];
    double q = 0;
    for (int i = 0; i < THETA.length; i++) {
      g[i] = THETA[i] - 1f;
      q += 0.5 * (THETA[i] - 1.0) * (THETA[i] - 1.0);
    }
    double loss = new L2Penalty(l2, WEIGHTS).addTo(q, THETA, g);
    loss = new L1Penalty(l1, WEIGHTS).addTo(loss, THETA, g);
    assertEquals(total.applyAsDouble(THETA), loss, 1e-12);
    assertGradient(finiteDifferences(total, 1e-2f), g, 1e-5);
  }

  @Test
  void l1SubgradientAtZeroIsZero() {
    float[] g = new float[2];
    new L1Penalty(1f, ParameterMask.all(2)).addGradient(new float[] {0f, -3f}, g);
    assertArrayEquals(new float[] {0f, -1f}, g);
  }

  @Test
  void lambdaZeroChangesNothing() {
    float[] g = {1f, 2f};
    new L2Penalty(0f, ParameterMask.all(2)).addGradient(new float[] {5f, 6f}, g);
    assertArrayEquals(new float[] {1f, 2f}, g);
  }

  @Test
  void masks() {
    assertEquals(ParameterMask.excluding(4, 0, 2), ParameterMask.only(4, 1, 3));
    assertEquals(ParameterMask.excluding(4, 0, 2),
        ParameterMask.of(new boolean[] {false, true, false, true}));
    assertEquals(ParameterMask.excluding(4, 0, 2), ParameterMask.where(4, i -> i % 2 == 1));
    assertEquals("ParameterMask(size=4, included=2)", ParameterMask.only(4, 1, 3).toString());
    assertEquals("excluded index is 4; it must be in [0, 4)",
        assertThrows(IllegalArgumentException.class,
            () -> ParameterMask.excluding(4, 4)).getMessage());
  }

  @Test
  void validation() {
    assertEquals("setting lambda is '-0.1'; it must be a finite number >= 0", assertThrows(
        IllegalArgumentException.class, () -> new L2Penalty(-0.1f, WEIGHTS)).getMessage());
    assertEquals("setting lambda is 'NaN'; it must be a finite number >= 0", assertThrows(
        IllegalArgumentException.class, () -> new L1Penalty(Float.NaN, WEIGHTS)).getMessage());
    assertEquals("theta has 3 entries but the parameter mask 13; they must be equal",
        assertThrows(IllegalArgumentException.class,
            () -> new L2Penalty(1f, WEIGHTS).value(new float[3])).getMessage());
    assertEquals("L2Penalty(lambda=1e-4, ParameterMask(size=13, included=9))",
        new L2Penalty(1e-4f, WEIGHTS).toString());
  }
}
