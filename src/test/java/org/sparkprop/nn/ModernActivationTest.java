package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The rectifier family and maxout (docs/equations.md) against their closed forms:
 * LeakyReLU and ELU in place (g' from the output), PReLU and maxout through their layer kernels;
 * names with parameters round-trip through {@link Activations#parse}.
 */
class ModernActivationTest {

  static final double REL = 1e-5;
  static final double ABS = 1e-6;

  private static void check(Activation g, double z, double value, double derivative) {
    float[] a = {7f, (float) z, 7f};
    g.forward(a, 1, 1, 1);
    assertEquals(7f, a[0]);
    assertEquals(7f, a[2]);
    Close.assertClose(value, a[1], REL, ABS, g.name() + "(" + z + ")");
    float[] delta = {-2.5f};
    g.backward(new float[] {a[1]}, delta, 0, 1, 1);
    Close.assertClose(-2.5 * derivative, delta[0], REL, ABS, g.name() + "'(" + z + ")");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-4, -1.5, -0.3, -1e-3, 1e-3, 0.2, 1, 6})
  void leakyRelu(double z) {
    for (float alpha : new float[] {0.01f, 0.2f, 0f}) {
      check(new LeakyRelu(alpha), z, z > 0 ? z : alpha * z, z > 0 ? 1 : alpha);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-30, -4, -1.5, -0.3, -1e-3, 0, 1e-3, 0.2, 1, 6})
  void elu(double z) {
    for (float alpha : new float[] {1f, 0.5f, 2f}) {
      check(new Elu(alpha), z, z >= 0 ? z : alpha * (Math.exp(z) - 1),
          z >= 0 ? 1 : alpha * Math.exp(z));
    }
  }

  @Test
  void preluKernels() {
    PRelu g = new PRelu();
    float[] theta = {9f, 0.5f, -0.2f};
    float[] phi = {-2f, 3f, 1f, -1f};
    float[] s = new float[4];
    g.forward(phi, s, 2, 2, theta, 1);
    assertArrayEquals(new float[] {-1f, 3f, 1f, 0.2f}, s);
    float[] d = {1f, 2f, 3f, 4f};
    float[] grad = new float[3];
    g.backward(phi, d, 2, 2, theta, 1, grad);
    assertArrayEquals(new float[] {0.5f, 2f, 3f, -0.8f}, d);
    // ∂q/∂α_i = −Σ_n d_ni min(φ_ni, 0)
    assertArrayEquals(new float[] {0f, 2f, 4f}, grad);
    assertThrows(UnsupportedOperationException.class, () -> g.forward(s, 0, 1, 1));
  }

  @Test
  void maxoutKernels() {
    Maxout g = new Maxout(3);
    float[] phi = {1f, 5f, 2f, -1f, -3f, -2f};
    float[] s = new float[2];
    g.forward(phi, s, 1, 2);
    assertArrayEquals(new float[] {5f, -1f}, s);
    float[] dPhi = new float[6];
    g.backward(phi, new float[] {2f, 3f}, dPhi, 1, 2);
    assertArrayEquals(new float[] {0f, 2f, 0f, 3f, 0f, 0f}, dPhi);
    assertEquals(3, g.pieces());
  }

  @Test
  void namesWithParametersRoundTrip() {
    for (String name : new String[] {"leaky_relu", "leaky_relu:0.2", "elu", "elu:0.5", "prelu",
        "prelu:0.1", "maxout", "maxout:4"}) {
      Activation g = Activations.parse(name);
      assertEquals(name, g.name());
      assertEquals(g, Activations.parse(g.name()));
    }
    assertEquals(new LeakyRelu(0.3f), Activations.parse(" Leaky_ReLU : 0.3 "));
    assertEquals(new Maxout(2), Activations.parse("maxout"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"relu:1|takes no parameter", "maxout:x|must be an integer",
      "maxout:1|in [2, 64]", "leaky_relu:abc|is not a number", "leaky_relu:1.5|in [0, 1)",
      "elu:-1|> 0", "swish:2|unknown activation"})
  void badParameters(String caseText) {
    String[] parts = caseText.split("\\|");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Activations.parse(parts[0]));
    assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
  }
}
