package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;

/**
 * A worker serves whichever shard a task hands it, in any order and across epochs and plans,
 * with the same sums as a fresh worker, which has no visiting order cached.
 */
class ShardWorkerTest {

  private final Network net = new Network(new NetworkSpec(new int[] {4, 6, 3},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private final float[] theta = Initializer.initialTheta(net, 5);

  @Test
  void aWorkerTradingShardsAddsWhatAFreshWorkerAdds() {
    // As many shards as the worker keeps orders for, so that within an epoch every order is
    // reused; then more, so that some are evicted and computed again.
    check(ShardWorker.CACHED_ORDERS);
    check(ShardWorker.CACHED_ORDERS + 2);
  }

  /**
   * Shards visited out of order, under two seeds taking turns within each epoch, and in the
   * order 1, 2 | 2, 1 | 1, 2 so that each epoch begins with the seed the last one ended with:
   * a cached order is then stale by its seed alone, or by its epoch alone.
   */
  private void check(int shards) {
    Shard[] split = Shard.split(TestSets.random(97, 4, 3, 8), shards);
    BatchPlan one = new BatchPlan(shards, 12, 1);
    BatchPlan two = new BatchPlan(shards, 12, 2);
    ShardWorker traded = new ShardWorker(net);
    int checked = 0;
    for (int epoch = 0; epoch < 3; epoch++) {
      BatchPlan[] plans = epoch % 2 == 0 ? new BatchPlan[] {one, two} : new BatchPlan[] {two, one};
      for (BatchPlan plan : plans) {
        for (int iteration = 0; iteration < 4; iteration++) {
          for (int k = 0; k < shards; k++) {
            int p = (k * 5 + iteration + epoch) % shards;
            GradientSum expected = new GradientSum();
            new ShardWorker(net).accumulate(theta, split[p], plan, epoch, iteration, expected);
            GradientSum actual = new GradientSum();
            traded.accumulate(theta, split[p], plan, epoch, iteration, actual);
            assertEquals(expected.count(), actual.count());
            assertEquals(expected.loss(), actual.loss(), 0.0);
            if (expected.count() > 0) {
              assertArrayEquals(expected.gradient(theta.length), actual.gradient(theta.length),
                  shards + " shards, epoch " + epoch + ", iteration " + iteration + ", shard " + p);
              checked++;
            }
          }
        }
      }
    }
    assertEquals(3 * 2 * 4 * shards, checked, "every share is non-empty");
  }
}
