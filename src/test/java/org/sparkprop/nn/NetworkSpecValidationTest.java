package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NetworkSpec refuses, on construction and with a message saying why, topologies that make no
 * sense: cross-entropy without a softmax output, a softmax with one output, too few or empty
 * layers.
 */
class NetworkSpecValidationTest {

  private static IllegalArgumentException refused(int[] sizes, Activation hidden,
      Activation output, Loss loss) {
    return assertThrows(IllegalArgumentException.class,
        () -> new NetworkSpec(sizes, hidden, output, loss));
  }

  @ParameterizedTest
  @ValueSource(strings = {"linear", "relu", "step", "sigmoid", "tanh", "softsign"})
  void crossEntropyNeedsASoftmaxOutput(String output) {
    IllegalArgumentException e = refused(new int[] {3, 4, 2}, new Tanh(),
        Activations.parse(output), new CrossEntropy());
    String m = e.getMessage();
    assertTrue(m.contains("cross_entropy") && m.contains("softmax") && m.contains(output), m);
  }

  @Test
  void crossEntropyWithSoftmaxIsAccepted() {
    assertDoesNotThrow(
        () -> new NetworkSpec(new int[] {3, 4, 2}, new Tanh(), new Softmax(), new CrossEntropy()));
  }

  @Test
  void softmaxOutputNeedsAtLeastTwoUnits() {
    for (Loss loss : new Loss[] {new SquaredError(), new CrossEntropy()}) {
      IllegalArgumentException e = refused(new int[] {3, 4, 1}, new Tanh(), new Softmax(), loss);
      assertTrue(e.getMessage().contains("softmax") && e.getMessage().contains("2"),
          e.getMessage());
    }
    assertDoesNotThrow(
        () -> new NetworkSpec(new int[] {3, 4, 2}, new Tanh(), new Softmax(), new SquaredError()));
  }

  @Test
  void layersNeedAnInputAndAnOutput() {
    IllegalArgumentException e = refused(new int[] {5}, new Tanh(), new Linear(),
        new SquaredError());
    assertTrue(e.getMessage().contains("layers"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new NetworkSpec(null, new Tanh(), new Linear(), new SquaredError()));
  }

  @Test
  void everyLayerNeedsAUnit() {
    IllegalArgumentException e = refused(new int[] {3, 0, 2}, new Tanh(), new Linear(),
        new SquaredError());
    assertTrue(e.getMessage().contains("layers[1]"), e.getMessage());
  }

  @Test
  void sizesAreDefensivelyCopied() {
    int[] sizes = {3, 4, 2};
    NetworkSpec spec = new NetworkSpec(sizes, new Tanh(), new Linear(), new SquaredError());
    sizes[1] = 99;
    spec.sizes()[2] = 77;
    assertArrayEquals(new int[] {3, 4, 2}, spec.sizes());
    assertEquals(2, spec.depth());
    assertEquals(4, spec.size(1));
  }

  @Test
  void activationOfEachLayer() {
    NetworkSpec spec = Problems.spec("3-4-5-2", "relu", "softmax", "cross_entropy");
    assertEquals(new Relu(), spec.activation(1));
    assertEquals(new Relu(), spec.activation(2));
    assertEquals(new Softmax(), spec.activation(3));
  }
}
