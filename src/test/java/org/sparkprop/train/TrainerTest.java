package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.GradientDescent;

class TrainerTest {

  private static Network xorNet() {
    return new Network(new NetworkSpec(new int[] {2, 8, 2}, Activations.parse("tanh"),
        new Softmax(), new CrossEntropy()));
  }

  private static TrainingResult train(Mode mode, int shards, int epochs, float rho, double tol) {
    Network net = xorNet();
    Samples xor = TestSets.xor(200, 1);
    BatchPlan plan = new BatchPlan(shards, mode.batchSize(16, xor.rows()), 5);
    Trainer trainer = new Trainer(new GradientDescent(rho), new TrainingConfig(epochs, tol),
        TrainingListener.NONE);
    return trainer.train(new InMemoryGradientSource(net, xor, plan), Initializer.initialTheta(net, 3));
  }

  private static double accuracy(float[] theta) {
    Network net = xorNet();
    Samples test = TestSets.xor(400, 99);
    GradientSum sum = new GradientSum();
    new ShardWorker(net).evaluate(theta, test, sum);
    return (double) sum.correct() / sum.count();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyModeLearnsXor(Mode mode) {
    // Batch mode makes one update per epoch, so it gets more epochs and a larger step.
    TrainingResult result = switch (mode) {
      case BATCH -> train(mode, 1, 600, 0.5f, 0);
      case MINIBATCH -> train(mode, 1, 60, 0.2f, 0);
      case INCREMENTAL -> train(mode, 1, 10, 0.05f, 0);
    };
    assertTrue(accuracy(result.theta()) >= 0.98, mode + " accuracy " + accuracy(result.theta()));
    double first = result.history().get(0).loss();
    double last = result.history().get(result.epochs() - 1).loss();
    assertTrue(last < first / 4, "loss fell from " + first + " to " + last);
  }

  @Test
  void updatesPerEpochFollowTheMode() {
    assertEquals(1, train(Mode.BATCH, 1, 2, 0.1f, 0).updates() / 2);
    assertEquals(13, train(Mode.MINIBATCH, 1, 2, 0.1f, 0).updates() / 2);
    assertEquals(200, train(Mode.INCREMENTAL, 1, 2, 0.1f, 0).updates() / 2);
  }

  @Test
  void sameSeedSameWeights() {
    assertArrayEquals(train(Mode.MINIBATCH, 2, 3, 0.1f, 0).theta(),
        train(Mode.MINIBATCH, 2, 3, 0.1f, 0).theta());
  }

  @Test
  void batchModeIsIndependentOfTheShardCount() {
    float[] one = train(Mode.BATCH, 1, 20, 0.5f, 0).theta();
    float[] three = train(Mode.BATCH, 3, 20, 0.5f, 0).theta();
    for (int i = 0; i < one.length; i++) {
      assertEquals(one[i], three[i], 1e-4 * Math.max(1, Math.abs(one[i])), "theta[" + i + "]");
    }
  }

  @Test
  void toleranceStopsEarly() {
    TrainingResult result = train(Mode.BATCH, 1, 5000, 0.5f, 1e-3);
    assertEquals(StopReason.TOLERANCE, result.stopReason());
    assertTrue(result.epochs() < 5000);
    TrainingResult full = train(Mode.BATCH, 1, 5, 0.5f, 0);
    assertEquals(StopReason.EPOCHS, full.stopReason());
    assertEquals(5, full.epochs());
  }

  @Test
  void divergenceIsReported() {
    // A linear regression net with a huge step overshoots further every update until q is Inf/NaN.
    Network net = new Network(new NetworkSpec(new int[] {2, 4, 1}, Activations.parse("linear"),
        Activations.parse("linear"), new org.sparkprop.nn.SquaredError()));
    Samples data = TestSets.xorTargets(64, 10f);
    Trainer trainer = new Trainer(new GradientDescent(50f), new TrainingConfig(200, 0),
        TrainingListener.NONE);
    TrainingResult result = trainer.train(
        new InMemoryGradientSource(net, data, new BatchPlan(1, 8, 1)), Initializer.initialTheta(net, 1));
    assertEquals(StopReason.DIVERGED, result.stopReason());
    assertTrue(result.epochs() < 200);
  }

  @Test
  void anOverflowInTheLastUpdateIsADivergence() {
    // One update of one epoch with a step so large that Θ overflows to ±Inf: the loss of that
    // batch was finite (computed before the update), but the weights are not.
    Network net = new Network(new NetworkSpec(new int[] {2, 4, 1}, Activations.parse("tanh"),
        Activations.parse("linear"), new org.sparkprop.nn.SquaredError()));
    Samples data = TestSets.xorTargets(64, 1000f);
    Trainer trainer = new Trainer(new GradientDescent(1e38f), new TrainingConfig(1, 0),
        TrainingListener.NONE);
    TrainingResult result = trainer.train(
        new InMemoryGradientSource(net, data, new BatchPlan(1, 64, 1)),
        Initializer.initialTheta(net, 1));
    float bias = result.theta()[result.theta().length - 1];
    assertTrue(Float.isInfinite(bias), "the output bias after the update: " + bias);
    assertEquals(StopReason.DIVERGED, result.stopReason());
    assertEquals(new Divergence(1, 1, result.history().get(0).loss()), result.divergence());
  }
}
