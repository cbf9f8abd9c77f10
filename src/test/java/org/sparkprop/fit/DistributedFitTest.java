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
import org.sparkprop.nn.Network;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.spark.ShardInput;
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


  private static DistributedFit.Result fit(JavaRDD<SampleRow> rows, Network network) {
    JobConfig config = JobConfig.from(XOR);
    return DistributedFit.fit(LocalSpark.context(), new DistributedFit.Request(rows, null, XOR,
        config, network, null, false, true, false, new FitObserver() {}));
  }

  @Test
  void howTheSourceIsPartitionedDoesNotChangeTheFit() {
    JavaSparkContext sc = LocalSpark.context();
    List<SampleRow> data = FitRuns.xor(600);
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
    List<SampleRow> data = FitRuns.xor(1000);
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

  private static DistributedFit.Result fitWithTest(JavaRDD<SampleRow> rows,
      ShardInput<?> validation, ShardInput<?> test, Network network, Settings settings) {
    JobConfig config = JobConfig.from(settings);
    return DistributedFit.fit(LocalSpark.context(), new DistributedFit.Request(
        ShardInput.of(rows, 2, 2), validation, test, settings, config, network, null, false, true,
        false, new FitObserver() {}));
  }

  @Test
  void aTestSetPackedWithTheTrainingSetGivesTheFiguresOfEvaluatingItAfter() {
    JavaSparkContext sc = LocalSpark.context();
    JobConfig config = JobConfig.from(XOR);
    Network network = new Network(config.network());
    JavaRDD<SampleRow> testRows = sc.parallelize(FitRuns.xor(300).subList(0, 300), 3);
    DistributedFit.Result fit = fitWithTest(sc.parallelize(FitRuns.xor(600), 2), null,
        ShardInput.of(testRows, 2, 2), network, XOR);
    MetricSums test = fit.testMetrics();
    assertEquals(300, test.rows());
    MetricSums after = DistributedFit.evaluate(sc, network, fit.training().theta(), testRows,
        config);
    // the same shards in the same order: the same sums, bit for bit
    assertEquals(after.meanLoss(), test.meanLoss(), 0.0);
    assertEquals(after.accuracy(), test.accuracy(), 0.0);
    assertEquals(600, fit.trainRows() + fit.validationRows());
  }

  @Test
  void aTestSetThatIsTheValidationSetIsPackedOnceAndMeasured() {
    JavaSparkContext sc = LocalSpark.context();
    Settings settings = XOR.withOverride("validationFraction=0", "--set");
    JobConfig config = JobConfig.from(settings);
    Network network = new Network(config.network());
    JavaRDD<SampleRow> heldRows = sc.parallelize(FitRuns.xor(250), 3);
    ShardInput<?> held = ShardInput.of(heldRows, 2, 2);
    int before = sc.sc().getPersistentRDDs().size();
    DistributedFit.Result fit = fitWithTest(sc.parallelize(FitRuns.xor(600), 2), held, held, network,
        settings);
    assertEquals(before, sc.sc().getPersistentRDDs().size(), "every cache is freed");
    assertEquals(250, fit.validationRows());
    MetricSums test = fit.testMetrics();
    assertEquals(250, test.rows());
    MetricSums after = DistributedFit.evaluate(sc, network, fit.training().theta(), heldRows,
        config);
    // the same rows spread over the shards in another order: equal up to the sum's rounding
    assertEquals(after.meanLoss(), test.meanLoss(), 1e-6 * Math.abs(after.meanLoss()));
    assertEquals(after.accuracy(), test.accuracy(), 1e-12);
  }

  @Test
  void aFailingTestSetFailsTheFitAndFreesTheShards() {
    JavaSparkContext sc = LocalSpark.context();
    JobConfig config = JobConfig.from(XOR);
    Network network = new Network(config.network());
    List<SampleRow> bad = new ArrayList<>(FitRuns.xor(20));
    bad.set(7, new SampleRow(new float[3], new float[2]));
    int before = sc.sc().getPersistentRDDs().size();
    RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> fitWithTest(sc.parallelize(FitRuns.xor(600), 2), null,
            ShardInput.of(sc.parallelize(bad, 2), 2, 2), network, XOR));
    assertTrue(String.valueOf(e.getMessage()).contains("a row has 3 inputs and 2 targets"),
        String.valueOf(e.getMessage()));
    assertEquals(before, sc.sc().getPersistentRDDs().size(), "every cache is freed");
  }
}
