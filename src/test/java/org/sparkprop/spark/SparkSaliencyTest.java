package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.TestSets;

/** Saliency in one Spark job over 3 partitions equals the in-memory sum over the same shards. */
class SparkSaliencyTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {5, 12, 3},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));

  @Test
  void oneSparkJobComputesTheInMemorySaliency() {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(301, 5, 3, 17);
    BatchPlan plan = new BatchPlan(3, 30, 23);
    float[] theta = Initializer.initialTheta(NET, 11);
    float[] local = new InMemoryGradientSource(NET, data, plan).saliency(theta, 10);
    float[] spark;
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, plan, 2)) {
      spark = source.saliency(theta, 10);
    }
    double total = 0;
    for (int i = 0; i < local.length; i++) {
      assertEquals(local[i], spark[i], 1e-5f * Math.max(1f, local[i]), "entry " + i);
      total += spark[i];
    }
    assertTrue(total > 0, "saliency is all 0");
  }
}
