package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.Lbfgs;

/** A full batch of no weight leaves Θ as it was, as a minibatch of no weight does in Trainer. */
class LbfgsZeroWeightTest {

  @Test
  void aFullBatchWeighingNothingStopsWithTheWeightsItStartedFrom() {
    Network net = new Network(new NetworkSpec(new int[] {2, 4, 2}, Activations.parse("tanh"),
        new Softmax(), new CrossEntropy()));
    Samples base = TestSets.xor(40, 1);
    Samples weightless = new Samples(base.x(), base.t(), base.rows(), base.inputs(),
        base.outputs(), new float[base.rows()]);
    GradientSource source = new InMemoryGradientSource(net, weightless,
        new BatchPlan(1, base.rows(), 1));
    float[] theta0 = Initializer.initialTheta(net, 2);
    TrainingResult result = new LbfgsTrainer(new Lbfgs(), new TrainingConfig(5, 0),
        TrainingListener.NONE).train(source, theta0, null);
    assertArrayEquals(theta0, result.theta());
    assertEquals(StopReason.CONVERGED, result.stopReason());
    assertNull(result.divergence());
    assertEquals(0.0, result.history().get(0).loss(), 0.0);
    // Trainer skips such a batch the same way.
    TrainingResult sgd = new Trainer(new org.sparkprop.optim.GradientDescent(0.1f),
        new TrainingConfig(2, 0), TrainingListener.NONE).train(source, theta0);
    assertArrayEquals(theta0, sgd.theta());
    assertEquals(0, sgd.updates());
  }
}
