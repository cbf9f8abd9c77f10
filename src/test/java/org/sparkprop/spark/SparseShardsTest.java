package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.GradientDescent;
import org.sparkprop.tensor.Csr;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.SparseSets;
import org.sparkprop.train.Sparsity;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/**
 * Sparse rows packed into CSR shards on the executors: auto holds them sparse (and dense rows, or
 * rows that store too much, dense); P partitions give the full-batch gradient of one partition
 * and of the dense shards, and training on them computes what the in-memory trainer computes.
 */
class SparseShardsTest {

  private static final int INPUTS = 600;
  private static final Network NET = new Network(new NetworkSpec(new int[] {INPUTS, 10, 4},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));

  /** The samples' rows as sparse sample rows, in order, in {@code slices} partitions. */
  static JavaRDD<SampleRow> rows(Samples s, int slices, boolean sparse) {
    List<SampleRow> rows = new ArrayList<>();
    Csr x = s.sparse();
    float[] dense = x.dense();
    for (int r = 0; r < s.rows(); r++) {
      int from = x.rowStart()[r];
      int to = x.rowStart()[r + 1];
      float[] t = Arrays.copyOfRange(s.t(), r * s.outputs(), (r + 1) * s.outputs());
      rows.add(sparse
          ? SampleRow.sparse(Arrays.copyOfRange(x.index(), from, to),
              Arrays.copyOfRange(x.value(), from, to), t, 1f)
          : new SampleRow(Arrays.copyOfRange(dense, r * INPUTS, (r + 1) * INPUTS), t));
    }
    return LocalSpark.context().parallelize(rows, slices);
  }

  static ShardRdd pack(Samples s, int partitions, boolean sparseRows, Sparsity sparsity) {
    return ShardRdd.fromInput(ShardInput.of(rows(s, 3, sparseRows), INPUTS, s.outputs()),
        partitions, StorageLevel.MEMORY_ONLY(), null, null, sparsity);
  }

  @Test
  void autoHoldsSparseRowsSparseAndOthersDense() {
    Samples s = SparseSets.topics(90, INPUTS, 4, 12, 3);
    try (ShardRdd sparse = pack(s, 2, true, Sparsity.AUTO);
        ShardRdd dense = pack(s, 2, false, Sparsity.AUTO);
        ShardRdd forced = pack(s, 2, false, Sparsity.SPARSE);
        ShardRdd kept = pack(s, 2, true, Sparsity.DENSE)) {
      assertTrue(sparse.isSparse());
      assertFalse(dense.isSparse(), "rows that arrive dense stay dense");
      assertTrue(forced.isSparse());
      assertFalse(kept.isSparse());
      List<Samples> a = sparse.rdd().map(shard -> shard.samples()).collect();
      List<Samples> b = kept.rdd().map(shard -> shard.samples()).collect();
      List<Samples> c = forced.rdd().map(shard -> shard.samples()).collect();
      for (int p = 0; p < 2; p++) {
        assertTrue(a.get(p).isSparse());
        assertArrayEquals(b.get(p).x(), a.get(p).sparse().dense());
        assertArrayEquals(b.get(p).x(), c.get(p).sparse().dense());
        assertArrayEquals(b.get(p).t(), a.get(p).t());
      }
    }
    // 12 of 40 columns stored: 30% is more than auto holds sparse.
    Samples crowded = SparseSets.topics(40, 40, 4, 12, 3);
    JavaRDD<SampleRow> rows = rows(crowded, 2, true);
    try (ShardRdd dense = ShardRdd.fromInput(ShardInput.of(rows, 40, 4), 2,
        StorageLevel.MEMORY_ONLY(), null, null, Sparsity.AUTO)) {
      assertFalse(dense.isSparse());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void pPartitionsGiveTheFullBatchGradientOfOne(int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    Samples s = SparseSets.topics(211, INPUTS, 4, 15, 7);
    float[] theta = Initializer.initialTheta(NET, 5);
    GradientSum one;
    GradientSum many;
    GradientSum dense;
    try (ShardRdd a = pack(s, 1, true, Sparsity.SPARSE);
        ShardRdd b = pack(s, partitions, true, Sparsity.SPARSE);
        ShardRdd c = pack(s, 1, true, Sparsity.DENSE)) {
      one = fullBatch(sc, a, theta);
      many = fullBatch(sc, b, theta);
      dense = fullBatch(sc, c, theta);
    }
    int d = NET.parameterCount();
    float scale = 0;
    for (float g : dense.gradient(d)) {
      scale = Math.max(scale, Math.abs(g));
    }
    assertEquals(211, many.count());
    assertEquals(one.loss(), many.loss(), 1e-5 * one.loss());
    assertEquals(dense.loss(), one.loss(), 1e-5 * one.loss());
    assertArrayEquals(one.gradient(d), many.gradient(d), 1e-5f * scale);
    assertArrayEquals(dense.gradient(d), one.gradient(d), 1e-5f * scale);
  }

  private static GradientSum fullBatch(JavaSparkContext sc, ShardRdd shards, float[] theta) {
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, shards,
        new BatchPlan(shards.shards(), shards.rows(), 1), 2)) {
      return source.gradient(theta, 0, 0);
    }
  }

  @Test
  void trainingOnSparseShardsMatchesInMemory() {
    JavaSparkContext sc = LocalSpark.context();
    Samples s = SparseSets.topics(301, INPUTS, 4, 15, 9);
    BatchPlan plan = new BatchPlan(3, 25, 23);
    TrainingResult local = train(new InMemoryGradientSource(NET, s, plan));
    TrainingResult spark;
    try (ShardRdd shards = pack(s, 3, true, Sparsity.AUTO);
        SparkGradientSource source = new SparkGradientSource(sc, NET, shards, plan, 2)) {
      assertTrue(shards.isSparse());
      spark = train(source);
    }
    assertEquals(local.updates(), spark.updates());
    float[] a = local.theta();
    float[] b = spark.theta();
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-5f * Math.max(1f, Math.abs(a[i])), "theta[" + i + "]");
    }
  }

  private static TrainingResult train(org.sparkprop.train.GradientSource source) {
    Trainer trainer = new Trainer(new GradientDescent(0.1f), new TrainingConfig(3, 0),
        TrainingListener.NONE);
    return trainer.train(source, Initializer.initialTheta(NET, 11));
  }
}
