package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The step activation sgn(z) runs forward (±1) but has no usable derivative, so
 * {@link NetworkSpec#requireTrainable()} refuses any net that would backpropagate through it, with
 * a message naming it; every other activation is trainable.
 */
class TrainabilityTest {

  @Test
  void stepForwardGivesTheSign() {
    float[] a = {-3f, -1e-3f, 2e-3f, 0.5f, 100f, -100f};
    new Step().forward(a, 0, 2, 3);
    assertEquals(-1f, a[0]);
    assertEquals(-1f, a[1]);
    assertEquals(1f, a[2]);
    assertEquals(1f, a[3]);
    assertEquals(1f, a[4]);
    assertEquals(-1f, a[5]);
  }

  @Test
  void stepIsTheOnlyNonDifferentiableActivation() {
    for (Activation a : Activations.ALL) {
      assertEquals(!(a instanceof Step), a.differentiable(), a.name());
    }
    assertThrows(IllegalStateException.class,
        () -> new Step().backward(new float[] {1f}, new float[] {1f}, 0, 1, 1));
  }

  @Test
  void stepAsHiddenIsRefusedWhenThereIsAHiddenLayer() {
    NetworkSpec spec = Problems.spec("3-4-2", "step", "sigmoid", "squared");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        spec::requireTrainable);
    assertTrue(e.getMessage().contains("step"), e.getMessage());
    assertTrue(e.getMessage().contains("activation"), e.getMessage());
  }

  @Test
  void stepAsHiddenIsIrrelevantWithoutAHiddenLayer() {
    NetworkSpec spec = Problems.spec("3-2", "step", "sigmoid", "squared");
    assertSame(spec, assertDoesNotThrow(spec::requireTrainable));
  }

  @Test
  void stepAsOutputIsRefused() {
    for (String layers : new String[] {"3-2", "3-4-2"}) {
      NetworkSpec spec = Problems.spec(layers, "tanh", "step", "squared");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          spec::requireTrainable, layers);
      assertTrue(e.getMessage().contains("output=step"), e.getMessage());
    }
  }

  @Test
  void everyDifferentiableCombinationIsTrainable() {
    for (Activation hidden : Activations.ALL) {
      for (Activation output : Activations.ALL) {
        if (hidden instanceof Step || output instanceof Step || !output.inPlace()) {
          continue; // prelu and maxout are hidden-only (ArchitectureSpecTest)
        }
        NetworkSpec spec = new NetworkSpec(new int[] {3, 4, 2}, hidden, output, new SquaredError());
        assertSame(spec, assertDoesNotThrow(spec::requireTrainable), spec.toString());
      }
    }
  }

  /** A hand-set perceptron with a step output still runs forward through Network. */
  @Test
  void networkRunsAStepOutputForward() {
    NetworkSpec spec = Problems.spec("2-1", "linear", "step", "squared");
    Network net = new Network(spec);
    ThetaLayout layout = net.layout();
    float[] theta = new float[layout.size()];
    theta[layout.index(1, 0, 0)] = -1f; // fires when x1 + x2 > 1
    theta[layout.index(1, 0, 1)] = 1f;
    theta[layout.index(1, 0, 2)] = 1f;
    float[] x = {0.2f, 0.3f, 0.9f, 0.8f, 1f, -0.5f};
    float[] s = net.forward(theta, x, 0, 3, net.newWorkspace(3));
    assertEquals(-1f, s[0]);
    assertEquals(1f, s[1]);
    assertEquals(-1f, s[2]);
    assertFalse(spec.output().differentiable());
  }
}
