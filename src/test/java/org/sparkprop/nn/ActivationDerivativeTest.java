package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each elementwise activation's forward g(z) and its backward step (which multiplies δ by g'
 * computed from the output s alone) against their closed forms, evaluated in double from z:
 * g'_L = 1, g'_U = 1 (z &gt; 0) / 0 (z &lt; 0), g'_S = g_S(1 − g_S), g'_T = 1 − g_T²,
 * g'_F = 1/(1 + |z|)² = (g_F(z)/z)².
 *
 * <p>Tolerance |a − b| ≤ 1e-5·|b| + 1e-6: float32 rounding of s near saturation (s ≈ ±1, one ulp
 * ≈ 6e-8) limits the absolute accuracy of a derivative computed from s, not its relative one.
 */
class ActivationDerivativeTest {

  static final double REL = 1e-5;
  static final double ABS = 1e-6;

  private static float forward(Activation g, float z) {
    float[] a = {7f, z, 7f}; // neighbours must stay untouched
    g.forward(a, 1, 1, 1);
    assertEquals(7f, a[0]);
    assertEquals(7f, a[2]);
    return a[1];
  }

  /** g'(z)·δ as computed by backward from s = g(z), for δ = 1 and δ = −2.5. */
  private static void assertDerivative(Activation g, double z, double expected) {
    float s = forward(g, (float) z);
    for (float d : new float[] {1f, -2.5f}) {
      float[] out = {s};
      float[] delta = {d};
      g.backward(out, delta, 0, 1, 1);
      Close.assertClose(d * expected, delta[0], REL, ABS, g.name() + "'(" + z + ")·" + d);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-4, -1.5, -0.3, 0.2, 1, 2.5, 6})
  void linear(double z) {
    Activation g = new Linear();
    Close.assertClose(z, forward(g, (float) z), REL, ABS, "g_L");
    assertDerivative(g, z, 1);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-4, -1.5, -0.3, -1e-3, 1e-3, 0.2, 1, 2.5, 6})
  void relu(double z) {
    Activation g = new Relu();
    Close.assertClose(Math.max(0, z), forward(g, (float) z), REL, ABS, "g_U");
    assertDerivative(g, z, z > 0 ? 1 : 0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-8, -3, -1, -0.25, 0, 0.5, 2, 5, 10})
  void sigmoid(double z) {
    Activation g = new Sigmoid();
    double s = 1 / (1 + Math.exp(-z));
    Close.assertClose(s, forward(g, (float) z), REL, ABS, "g_S");
    assertDerivative(g, z, s * (1 - s));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-5, -2, -0.7, -0.1, 0, 0.3, 1, 3, 5})
  void tanh(double z) {
    Activation g = new Tanh();
    double t = (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z));
    Close.assertClose(t, forward(g, (float) z), REL, ABS, "g_T");
    assertDerivative(g, z, 1 - t * t);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-50, -3, -1, -0.2, 0.4, 1, 2, 9, 100})
  void softsign(double z) {
    Activation g = new Softsign();
    double s = z / (1 + Math.abs(z));
    Close.assertClose(s, forward(g, (float) z), REL, ABS, "g_F");
    double expected = 1 / ((1 + Math.abs(z)) * (1 + Math.abs(z)));
    Close.assertClose(expected, (s / z) * (s / z), 1e-12, 0, "notes' (g_F(z)/z)² form");
    assertDerivative(g, z, expected);
  }

  /** At z = 0 softsign's derivative is 1 (the (g/z)² form is 0/0 there). */
  @ParameterizedTest
  @ValueSource(floats = {0f, -0f})
  void softsignAtZero(float z) {
    assertDerivative(new Softsign(), z, 1);
  }

  /** backward works on a block at an offset, element by element, and leaves the rest alone. */
  @ParameterizedTest
  @ValueSource(strings = {"linear", "relu", "sigmoid", "tanh", "softsign"})
  void backwardOnABlockAtAnOffset(String name) {
    Activation g = Activations.parse(name);
    float[] z = {0f, 0f, -2f, -0.5f, 0.25f, 1.5f, 3f, 0.75f, 0f};
    float[] s = z.clone();
    g.forward(s, 2, 2, 3);
    float[] delta = {9f, 9f, 1f, -1f, 2f, -2f, 0.5f, 3f, 9f};
    float[] before = delta.clone();
    g.backward(s, delta, 2, 2, 3);
    for (int p = 0; p < z.length; p++) {
      if (p < 2 || p >= 8) {
        assertEquals(before[p], delta[p], "outside the block at " + p);
        assertEquals(z[p], s[p], "forward outside the block at " + p);
      } else {
        double expected = before[p] * ReferenceMlp.gPrime(name, z[p]);
        Close.assertClose(expected, delta[p], REL, ABS, name + " δ[" + p + "]");
      }
    }
  }
}
