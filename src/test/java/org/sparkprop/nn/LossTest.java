package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The two losses on hand-made outputs: values ½Σ(t − s)² and −Σ t log s summed over rows, and
 * the output error δ^L = −∂q/∂φ^L they send back.
 */
class LossTest {

  @Test
  void squaredErrorValueIsHalfTheSumOfSquares() {
    float[] s = {0.2f, 0.9f, -0.5f, 0.1f};
    float[] t = {99f, 0f, 1f, 0.5f, -0.5f};
    double expected = 0.5 * ((0 - 0.2f) * (0 - 0.2f) + (1 - 0.9f) * (1 - 0.9f)
        + (0.5 + 0.5f) * (0.5 + 0.5f) + (-0.5 - 0.1f) * (-0.5 - 0.1f));
    assertEquals(expected, new SquaredError().value(s, t, 1, 2, 2), 1e-6);
  }

  /** δ^L_i = (t_i − s_i)·g'(φ_i): with a sigmoid output g' = s(1 − s). */
  @Test
  void squaredErrorDeltaIsTheNotesOutputError() {
    float[] s = {0.2f, 0.9f, 0.6f, 0.1f};
    float[] t = {0f, 1f, 1f, 0f};
    float[] delta = new float[4];
    new SquaredError().outputDelta(new Sigmoid(), s, t, 0, delta, 2, 2);
    for (int i = 0; i < 4; i++) {
      assertEquals((t[i] - s[i]) * s[i] * (1 - s[i]), delta[i], 1e-7, "δ_" + i);
    }
    new SquaredError().outputDelta(new Linear(), s, t, 0, delta, 2, 2);
    for (int i = 0; i < 4; i++) {
      assertEquals(t[i] - s[i], delta[i], 1e-7, "linear δ_" + i);
    }
  }

  @Test
  void crossEntropyValueIsMinusTheSumOfTLogS() {
    float[] s = {0.7f, 0.2f, 0.1f, 0.25f, 0.25f, 0.5f};
    float[] t = {-1f, -1f, 1f, 0f, 0f, 0.3f, 0.3f, 0.4f};
    double expected = -Math.log(0.7f) - (0.3 * Math.log(0.25f) + 0.3f * Math.log(0.25f)
        + 0.4f * Math.log(0.5f));
    assertEquals(expected, new CrossEntropy().value(s, t, 2, 2, 3), 1e-6);
  }

  /** A saturated wrong output (s = 0 where t = 1) costs a large but finite loss, not ∞/NaN. */
  @Test
  void crossEntropyOfAZeroProbabilityIsFinite() {
    double q = new CrossEntropy().value(new float[] {0f, 1f}, new float[] {1f, 0f}, 0, 1, 2);
    assertTrue(Double.isFinite(q) && q > 50, "q = " + q);
  }

  /** Fused with softmax: δ = t − s (targets summing to one). */
  @Test
  void crossEntropyDeltaIsTargetMinusOutput() {
    float[] s = {0.7f, 0.2f, 0.1f, 0.25f, 0.25f, 0.5f};
    float[] t = {9f, 1f, 0f, 0f, 0.3f, 0.3f, 0.4f};
    float[] delta = new float[6];
    new CrossEntropy().outputDelta(new Softmax(), s, t, 1, delta, 2, 3);
    for (int i = 0; i < 6; i++) {
      assertEquals(t[1 + i] - s[i], delta[i], 1e-7, "δ_" + i);
    }
    assertNull(new CrossEntropy().incompatibility(new Softmax()));
    assertNull(new SquaredError().incompatibility(new Linear()));
  }
}
