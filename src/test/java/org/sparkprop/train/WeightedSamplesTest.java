package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;

/** A sample of weight w counts in the loss and the gradient as w copies of it. */
class WeightedSamplesTest {

  @Test
  void weightsEqualDuplicatedRows() {
    Network net = new Network(new NetworkSpec(new int[] {5, 7, 3}, Activations.parse("tanh"),
        new Softmax(), new CrossEntropy()));
    Samples base = TestSets.random(40, 5, 3, 2);
    float[] w = new float[40];
    int extra = 0;
    for (int n = 0; n < 40; n++) {
      w[n] = n % 3 == 0 ? 3f : 1f;
      extra += (int) w[n] - 1;
    }
    int rows = 40 + extra;
    float[] x = new float[rows * 5];
    float[] t = new float[rows * 3];
    int r = 0;
    for (int n = 0; n < 40; n++) {
      for (int c = 0; c < (int) w[n]; c++, r++) {
        System.arraycopy(base.x(), n * 5, x, r * 5, 5);
        System.arraycopy(base.t(), n * 3, t, r * 3, 3);
      }
    }
    Samples weighted = new Samples(base.x(), base.t(), 40, 5, 3, w);
    Samples copies = new Samples(x, t, rows, 5, 3);
    float[] theta = Initializer.initialTheta(net, 4);
    GradientSum a = new InMemoryGradientSource(net, weighted, new BatchPlan(2, 40, 1))
        .gradient(theta, 0, 0);
    GradientSum b = new InMemoryGradientSource(net, copies, new BatchPlan(2, rows, 1))
        .gradient(theta, 0, 0);
    assertEquals(b.weight(), a.weight(), 0.0);
    assertEquals(40, a.count());
    assertEquals(b.loss(), a.loss(), 1e-4 * Math.abs(b.loss()));
    for (int i = 0; i < theta.length; i++) {
      assertEquals(b.gradient()[i], a.gradient()[i], 1e-4f * Math.max(1f, Math.abs(b.gradient()[i])),
          "gradient[" + i + "]");
    }
  }
}
