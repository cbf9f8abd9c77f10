package org.sparkprop.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.sparkprop.data.Synthetic;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.spark.ShardRdd;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.MetricSums;
import org.sparkprop.train.Settings;
import org.sparkprop.train.Shard;

class DistributedFitTest {

  private static final Settings XOR = Settings.defaults()
      .withOverride("layers=2,8,2", "--set")
      .withOverride("epochs=4", "--set")
      .withOverride("partitions=2", "--set")
      .withOverride("validationFraction=0.2", "--set");

  /** XOR rows with one-hot targets. */
  private static List<SampleRow> xor(int n) {
    List<SampleRow> rows = new ArrayList<>();
    for (SampleRow r : HeldOutTest.rows(Synthetic.xor(n, 0.1, 5))) {
      float[] t = new float[2];
      t[(int) r.t()[0]] = 1f;
      rows.add(new SampleRow(r.x(), t));
    }
    return rows;
  }

  private static DistributedFit.Result fit(JavaRDD<SampleRow> rows, Network network) {
    JobConfig config = JobConfig.from(XOR);
    return DistributedFit.fit(LocalSpark.context(), new DistributedFit.Request(rows, null, XOR,
        config, network, null, false, true, false, new FitObserver() {}));
  }

  @Test
  void howTheSourceIsPartitionedDoesNotChangeTheFit() {
    JavaSparkContext sc = LocalSpark.context();
    List<SampleRow> data = xor(600);
    JobConfig config = JobConfig.from(XOR);
    Network one = new Network(config.network());
    Network five = new Network(config.network());
    DistributedFit.Result a = fit(sc.parallelize(data, 1), one);
    DistributedFit.Result b = fit(sc.parallelize(data, 5), five);
    assertNull(a.training().divergence());
    assertArrayEquals(a.training().theta(), b.training().theta());
    assertEquals(a.trainRows(), b.trainRows());
    assertEquals(600, a.trainRows() + a.validationRows());
    // The final figures come from the executors, as sums.
    MetricSums train = a.trainMetrics();
    assertEquals(a.trainRows(), train.rows());
    assertTrue(train.accuracy() > 0.5, "train accuracy " + train.accuracy());
    MetricSums again = DistributedFit.evaluate(sc, one, a.training().theta(),
        sc.parallelize(data, 3), config);
    assertEquals(600, again.rows());
  }

  @Test
  void aSourceSortedByClassStillGivesEveryShardBothClasses() {
    JavaSparkContext sc = LocalSpark.context();
    List<SampleRow> data = xor(1000);
    data.sort(Comparator.comparing(r -> r.t()[1]));
    try (ShardRdd shards = ShardRdd.fromRows(sc.parallelize(data, 4), 2, 2, 2,
        StorageLevel.MEMORY_ONLY(), 1L)) {
      List<Shard> packed = shards.rdd().collect();
      for (Shard shard : packed) {
        float ones = 0;
        for (int r = 0; r < shard.rows(); r++) {
          ones += shard.samples().t()[r * 2 + 1];
        }
        double share = ones / shard.rows();
        long classOne = data.stream().filter(r -> r.t()[1] == 1f).count();
        // About the data's share of class 1 in every shard (500 rows each: ±0.1 is > 4 sd).
        assertEquals((double) classOne / data.size(), share, 0.1, "shard " + shard.index());
      }
      assertEquals(1000, packed.stream().mapToInt(Shard::rows).sum());
      assertEquals(2, shards.cachedPartitions());
    }
    // Without a seed the source's order is kept: shard 0 holds rows 0, 2, 4, ...
    try (ShardRdd shards = ShardRdd.fromRows(sc.parallelize(data, 4), 2, 2, 2)) {
      Shard first = shards.rdd().collect().get(0);
      assertArrayEquals(data.get(2).x(), java.util.Arrays.copyOfRange(first.samples().x(), 2, 4));
    }
  }
}
