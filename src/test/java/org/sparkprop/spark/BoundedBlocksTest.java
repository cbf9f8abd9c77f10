package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.GradientDescent;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;
import org.sparkprop.train.TestSets;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/**
 * Shards too large for one Java array are split into bounded blocks: with a block limit of 300
 * floats, 1,000 rows of 5 inputs on 2 partitions (2,500 floats each) become 18 logical shards of
 * at most 56 rows, 9 per partition, and training on them computes what an in-memory run with an
 * 18-shard plan computes.
 */
class BoundedBlocksTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {5, 12, 3},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));

  @Test
  void oversizedShardsBecomeBlocksThatTrainAsALargerPlan() {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(1000, 5, 3, 4);
    List<SampleRow> rows = new ArrayList<>();
    for (int n = 0; n < data.rows(); n++) {
      rows.add(new SampleRow(java.util.Arrays.copyOfRange(data.x(), n * 5, n * 5 + 5),
          java.util.Arrays.copyOfRange(data.t(), n * 3, n * 3 + 3)));
    }
    try (ShardRdd packed = ShardRdd.fromRows(sc.parallelize(rows, 3), 2, 5, 3,
        StorageLevel.MEMORY_ONLY(), null, null, 300)) {
      assertEquals(18, packed.shards());
      assertEquals(2, packed.rdd().getNumPartitions());
      List<Shard> shards = packed.rdd().collect();
      assertEquals(18, shards.size());
      int total = 0;
      for (Shard shard : shards) {
        total += shard.rows();
        assertEquals(18, shard.count());
        assertEquals(true, shard.samples().x().length <= 300, "block of "
            + shard.samples().x().length + " floats");
        // Block of logical shard s holds samples s, s + 18, ... in order.
        assertEquals(data.x()[shard.index() * 5], shard.samples().x()[0]);
      }
      assertEquals(1000, total);

      BatchPlan plan = new BatchPlan(packed.shards(), 64, 9);
      Trainer trainer = new Trainer(new GradientDescent(0.1f),
          new TrainingConfig(2, 0), TrainingListener.NONE);
      float[] theta0 = Initializer.initialTheta(NET, 11);
      TrainingResult local = trainer.train(new InMemoryGradientSource(NET, data, plan), theta0);
      TrainingResult spark;
      try (SparkGradientSource source = new SparkGradientSource(sc, NET, packed, plan, 2)) {
        spark = trainer.train(source, theta0);
      }
      for (int i = 0; i < theta0.length; i++) {
        assertEquals(local.theta()[i], spark.theta()[i],
            1e-5f * Math.max(1f, Math.abs(local.theta()[i])), "theta[" + i + "]");
      }
    }
  }
}
