package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.GradientDescent;

/**
 * Batch normalization's running statistics on the driver: shards append their sums behind the
 * gradient, the wrapping source turns them into the pooled mean and variance of the whole batch
 * however the batch is split, blends them into the network's running averages, and hands the
 * loop a gradient of length D.
 */
class RunningStatisticsSourceTest {

  private static NetworkSpec spec(float momentum) {
    NetworkSpec plain = new NetworkSpec(new int[] {5, 8, 6, 3}, Activations.parse("tanh"),
        new Softmax(), new CrossEntropy());
    return plain.with(Architecture.plain(3).withNormalization(1, Normalization.BATCH)
        .withNormalization(2, Normalization.BATCH).withDropout(0.2f).withMomentum(momentum));
  }

  @Test
  void withoutBatchNormTheSourceIsUnchanged() {
    Network net = new Network(new NetworkSpec(new int[] {5, 4, 3}, Activations.parse("tanh"),
        new Softmax(), new CrossEntropy()));
    GradientSource source = new InMemoryGradientSource(net, TestSets.random(20, 5, 3, 1),
        new BatchPlan(2, 10, 1));
    assertSame(source, RunningStatisticsSource.wrap(net, source));
  }

  /**
   * Layer 1's activations depend on Θ and x only, so after one full batch with momentum 1 its
   * running mean and variance are those of the whole batch, for 1, 2 or 3 shards.
   */
  @Test
  void pooledStatisticsDoNotDependOnTheSplit() {
    Samples data = TestSets.random(61, 5, 3, 7);
    float[][] means = new float[3][];
    float[][] variances = new float[3][];
    for (int p = 1; p <= 3; p++) {
      Network net = new Network(spec(1f));
      float[] theta = Initializer.initialTheta(net, 3);
      GradientSource source = RunningStatisticsSource.wrap(net,
          new InMemoryGradientSource(net, data, new BatchPlan(p, 61, 5)));
      GradientSum sum = source.gradient(theta, 0, 0);
      assertEquals(net.parameterCount(), sum.gradient().length);
      assertEquals(61, sum.count());
      means[p - 1] = net.state().runningMean(1);
      variances[p - 1] = net.state().runningVariance(1);
    }
    for (int p = 1; p < 3; p++) {
      for (int i = 0; i < 8; i++) {
        assertEquals(means[0][i], means[p][i], 1e-5f, "mean " + i + ", " + (p + 1) + " shards");
        assertEquals(variances[0][i], variances[p][i], 1e-4f * variances[0][i],
            "variance " + i + ", " + (p + 1) + " shards");
      }
    }
    assertTrue(variances[0][0] > 0f && variances[0][0] != 1f);
  }

  /** The stripped gradient is the one the shards computed. */
  @Test
  void theLoopSeesTheShardsGradient() {
    Samples data = TestSets.random(40, 5, 3, 2);
    Network net = new Network(spec(0.1f));
    float[] theta = Initializer.initialTheta(net, 4);
    BatchPlan plan = new BatchPlan(2, 16, 3);
    GradientSum raw = new InMemoryGradientSource(net, data, plan).gradient(theta, 1, 2);
    assertEquals(net.parameterCount() + net.batchStatisticsLength(), raw.gradient().length);
    GradientSum wrapped = RunningStatisticsSource.wrap(net,
        new InMemoryGradientSource(net, data, plan)).gradient(theta, 1, 2);
    assertArrayEquals(java.util.Arrays.copyOf(raw.gradient(), net.parameterCount()),
        wrapped.gradient());
    assertEquals(raw.loss(), wrapped.loss());
    assertEquals(raw.correct(), wrapped.correct());
  }

  /** Training updates the running statistics once per batch; inference then uses them. */
  @Test
  void trainingMovesTheRunningStatistics() {
    Samples data = TestSets.random(100, 5, 3, 9);
    Network net = new Network(spec(0.1f));
    BatchPlan plan = new BatchPlan(2, 20, 1);
    long before = net.state().version();
    Trainer trainer = new Trainer(new GradientDescent(0.1f), new TrainingConfig(2, 0),
        TrainingListener.NONE);
    TrainingResult result = trainer.train(RunningStatisticsSource.wrap(net,
        new InMemoryGradientSource(net, data, plan)), Initializer.initialTheta(net, 1));
    assertEquals(before + 10, net.state().version()); // 2 epochs × 5 batches
    float[] mean = net.state().runningMean(2);
    boolean moved = false;
    for (float m : mean) {
      moved |= m != 0f;
    }
    assertTrue(moved);
    GradientSum eval = new InMemoryGradientSource(net, data, plan).evaluate(result.theta());
    assertTrue(Double.isFinite(eval.loss()) && eval.count() == 100);
  }
}
