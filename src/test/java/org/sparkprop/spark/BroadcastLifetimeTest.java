package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BroadcastBlockId;
import org.apache.spark.storage.BlockManager;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.Samples;
import org.sparkprop.train.TestSets;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/** Every update's Θ broadcast is destroyed: none is left in the block manager after close. */
class BroadcastLifetimeTest {

  /**
   * A size no other test uses, so that other tests' blocks are not counted; a Θ too large to
   * travel inside the task in local mode, so that it is broadcast.
   */
  private static final Network NET = new Network(new NetworkSpec(new int[] {7, 2400, 5},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));

  /** How many Θ broadcasts of NET's size the driver's block manager holds. */
  private static int liveThetas() {
    BlockManager blocks = SparkEnv.get().blockManager();
    int live = 0;
    for (BlockId id : CollectionConverters.asJava(blocks.getMatchingBlockIds(
        b -> b instanceof BroadcastBlockId broadcast && broadcast.field().isEmpty()))) {
      var values = blocks.memoryStore().getValues(id);
      if (values.isDefined()) {
        Iterator<?> it = values.get();
        if (it.hasNext() && it.next() instanceof BulkFloats theta
            && theta.values().length == NET.parameterCount()) {
          live++;
        }
      }
    }
    return live;
  }

  @Test
  void thetaBroadcastsAreDestroyed() {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(50, 7, 5, 3);
    float[] theta = Initializer.initialTheta(NET, 5);
    assertEquals(0, liveThetas());
    try (SparkGradientSource source =
        new SparkGradientSource(sc, NET, data, new BatchPlan(2, 10, 1), 2)) {
      assertFalse(source.inlineTheta(NET.parameterCount()), "Θ is broadcast");
      for (int i = 0; i < 20; i++) {
        source.gradient(theta, 0, i % 5);
      }
      source.evaluate(theta);
      // Destroys run behind the updates: at most the last few can still be pending.
      assertTrue(liveThetas() <= 3, liveThetas() + " live Θ broadcasts after 21 jobs");
    }
    assertEquals(0, liveThetas());
  }
}
