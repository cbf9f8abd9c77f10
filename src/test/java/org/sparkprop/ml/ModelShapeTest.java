package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Linear;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.SquaredError;

/** Both model classes refuse Θ or a state of the wrong size, and keep their own copy of Θ. */
class ModelShapeTest {

  private static final NetworkSpec CLASSIFIER = new NetworkSpec(new int[] {2, 3, 2},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy());
  private static final NetworkSpec REGRESSOR = new NetworkSpec(new int[] {2, 3, 1},
      Activations.parse("tanh"), new Linear(), new SquaredError());

  @Test
  void wrongSizesAreRefusedNamingBoth() {
    IllegalArgumentException theta = assertThrows(IllegalArgumentException.class,
        () -> new NeuralNetClassificationModel("m", CLASSIFIER, new float[5]));
    assertEquals("theta has 5 values but network " + CLASSIFIER + " has 17 parameters",
        theta.getMessage());
    IllegalArgumentException state = assertThrows(IllegalArgumentException.class,
        () -> new NeuralNetRegressionModel("r", REGRESSOR, new float[13], new float[2], null));
    assertEquals("state has 2 values but network " + REGRESSOR + " keeps 0", state.getMessage());
  }

  @Test
  void thetaIsCopiedInAndOut() {
    float[] theta = new float[13];
    theta[0] = 1.5f;
    NeuralNetRegressionModel m = new NeuralNetRegressionModel("r", REGRESSOR, theta);
    theta[0] = 9f;
    assertEquals(1.5f, m.theta()[0]);
    m.theta()[0] = 7f;
    assertEquals(1.5f, m.theta()[0]);
    assertArrayEquals(new double[] {1.5, 0, 0}, java.util.Arrays.copyOf(m.weights().toArray(), 3));
  }
}
