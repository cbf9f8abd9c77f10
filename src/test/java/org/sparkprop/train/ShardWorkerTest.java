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
 * with the same sums as a worker that only ever sees one shard.
 */
class ShardWorkerTest {

  private final Network net = new Network(new NetworkSpec(new int[] {4, 6, 3},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private final float[] theta = Initializer.initialTheta(net, 5);

  @Test
  void aWorkerTradingShardsAddsWhatDedicatedWorkersAdd() {
    int shards = ShardWorker.CACHED_ORDERS + 2;
    Shard[] split = Shard.split(TestSets.random(97, 4, 3, 8), shards);
    BatchPlan[] plans = {new BatchPlan(shards, 12, 1), new BatchPlan(shards, 12, 2)};
    ShardWorker traded = new ShardWorker(net);
    ShardWorker[] dedicated = new ShardWorker[shards];
    for (int p = 0; p < shards; p++) {
      dedicated[p] = new ShardWorker(net);
    }
    // More shards than the worker caches orders for, visited out of order, two seeds, three
    // epochs: every cached order must be the one its (plan, epoch, shard) calls for.
    int checked = 0;
    for (int epoch = 0; epoch < 3; epoch++) {
      for (int iteration = 0; iteration < 8; iteration++) {
        for (BatchPlan plan : plans) {
          for (int k = 0; k < shards; k++) {
            int p = (k * 5 + iteration + epoch) % shards;
            GradientSum expected = new GradientSum();
            dedicated[p].accumulate(theta, split[p], plan, epoch, iteration, expected);
            GradientSum actual = new GradientSum();
            traded.accumulate(theta, split[p], plan, epoch, iteration, actual);
            assertEquals(expected.count(), actual.count());
            assertEquals(expected.loss(), actual.loss(), 0.0);
            if (expected.count() > 0) {
              assertArrayEquals(expected.gradient(theta.length), actual.gradient(theta.length),
                  "epoch " + epoch + ", iteration " + iteration + ", shard " + p);
              checked++;
            }
          }
        }
      }
    }
    assertEquals(3 * 8 * 2 * shards, checked, "every share is non-empty");
  }
}
