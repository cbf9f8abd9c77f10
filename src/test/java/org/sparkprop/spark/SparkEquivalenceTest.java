package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
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
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.TestSets;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/** Synchronous training on P Spark partitions computes what the in-memory trainer computes. */
class SparkEquivalenceTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {5, 12, 7, 3},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));

  private static TrainingResult train(GradientSource source) {
    Trainer trainer = new Trainer(new GradientDescent(0.1f), new TrainingConfig(3, 0),
        TrainingListener.NONE);
    return trainer.train(source, Initializer.initialTheta(NET, 11));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void pPartitionsMatchInMemory(int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(301, 5, 3, 17);
    BatchPlan plan = new BatchPlan(partitions, 20, 23);
    TrainingResult local = train(new InMemoryGradientSource(NET, data, plan));
    TrainingResult spark;
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, plan, 2)) {
      spark = train(source);
    }
    assertEquals(local.updates(), spark.updates());
    float[] a = local.theta();
    float[] b = spark.theta();
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-5f * Math.max(1f, Math.abs(a[i])), "theta[" + i + "]");
    }
    assertEquals(local.history().get(2).loss(), spark.history().get(2).loss(), 1e-6);
  }

  @Test
  void deterministicModeIsBitwiseReproducible() {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(403, 5, 3, 8);
    // One level of combining: partition order is the in-memory trainer's shard order.
    BatchPlan four = new BatchPlan(4, 40, 3);
    float[] local = train(new InMemoryGradientSource(NET, data, four)).theta();
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, four, 2)) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(local, train(source).theta());
    }
    // A two-level tree (8 partitions, depth 3): the same bits on every run.
    BatchPlan eight = new BatchPlan(8, 40, 3);
    float[] first;
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, eight, 3)) {
      first = train(source).theta();
    }
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, eight, 3)) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(first, train(source).theta());
    }
    float[] inMemory = train(new InMemoryGradientSource(NET, data, eight)).theta();
    for (int i = 0; i < first.length; i++) {
      assertEquals(inMemory[i], first[i], 1e-5f * Math.max(1f, Math.abs(inMemory[i])));
    }
  }

  /** Sums added as tasks finish: one stage (2 partitions) or treeAggregate's tree (8, depth 3). */
  @ParameterizedTest
  @ValueSource(ints = {2, 8})
  void arrivalOrderSumsMatchInMemory(int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(403, 5, 3, 8);
    BatchPlan plan = new BatchPlan(partitions, 40, 3);
    float[] inMemory = train(new InMemoryGradientSource(NET, data, plan)).theta();
    float[] spark;
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, plan, 3)) {
      spark = train(source.deterministic(false)).theta();
    }
    for (int i = 0; i < spark.length; i++) {
      assertEquals(inMemory[i], spark[i], 1e-5f * Math.max(1f, Math.abs(inMemory[i])));
    }
  }

  /** The tree has treeAggregate's shape: levels only when they save the driver work. */
  @Test
  void combiningLevelsFollowTreeAggregate() {
    assertEquals(0, OrderedTreeSum.levels(1, 2));
    assertEquals(0, OrderedTreeSum.levels(2, 2));
    assertEquals(0, OrderedTreeSum.levels(4, 1));
    assertEquals(0, OrderedTreeSum.levels(5, 3));
    assertEquals(1, OrderedTreeSum.levels(8, 3));
    assertEquals(1, OrderedTreeSum.levels(64, 2));
    assertEquals(2, OrderedTreeSum.levels(64, 3));
  }

  @Test
  void noiseCurriculumAndAdamMatchInMemory() {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(157, 5, 3, 4);
    BatchPlan plan = new BatchPlan(2, 16, 9, 0.2f);
    TrainingConfig config = new TrainingConfig(3, 0,
        org.sparkprop.optim.Schedule.cosine(3, 0.1), null, null, null, null, 0, 2);
    Trainer trainer = new Trainer(new org.sparkprop.optim.Adam(0.01f, 0.9f, 0.999f, 1e-8f),
        config, TrainingListener.NONE);
    float[] theta0 = Initializer.initialTheta(NET, 11);
    TrainingResult local = trainer.train(new InMemoryGradientSource(NET, data, plan), theta0);
    TrainingResult spark;
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, plan, 1)) {
      spark = trainer.train(source, theta0);
    }
    for (int i = 0; i < theta0.length; i++) {
      assertEquals(local.theta()[i], spark.theta()[i],
          1e-4f * Math.max(1f, Math.abs(local.theta()[i])), "theta[" + i + "]");
    }
  }

  /**
   * Six rows on six partitions, and on eight (two of them empty): sample i is on partition
   * i mod P either way, so a full batch and the evaluation see the same one-row shares. The sums
   * have the same shape both ways, straight to the driver (depth 1) or through one combining
   * level of pairs (depth 3, where the last pair is the two empty partitions), so the empty
   * partitions' sums (nothing) must leave the loss, the count and every gradient value bitwise
   * as they were.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void emptyPartitionsContributeNothing(int depth) {
    assertEquals(OrderedTreeSum.levels(6, depth), OrderedTreeSum.levels(8, depth));
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(6, 5, 3, 5);
    float[] theta = Initializer.initialTheta(NET, 2);
    BatchPlan full = new BatchPlan(6, 6, 1);
    BatchPlan withEmpty = new BatchPlan(8, 6, 1);
    GradientSum filled;
    GradientSum filledAll;
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, full, depth)) {
      filled = source.gradient(theta, 0, 0);
      filledAll = source.evaluate(theta);
    }
    GradientSum sparse;
    GradientSum sparseAll;
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, withEmpty, depth)) {
      sparse = source.gradient(theta, 0, 0);
      sparseAll = source.evaluate(theta);
    }
    assertEquals(6, filled.count());
    assertEquals(6, sparse.count());
    assertEquals(filled.loss(), sparse.loss());
    assertEquals(filled.weight(), sparse.weight());
    assertEquals(filled.correct(), sparse.correct());
    assertArrayEquals(filled.gradient(), sparse.gradient());
    assertTrue(maxAbs(sparse.gradient()) > 0);
    assertEquals(6, sparseAll.count());
    assertEquals(filledAll.loss(), sparseAll.loss());
    assertEquals(filledAll.correct(), sparseAll.correct());
    assertTrue(sparseAll.loss() > 0);
    // And what the in-memory source computes on the six shards.
    float[] local = new InMemoryGradientSource(NET, data, full).gradient(theta, 0, 0).gradient();
    for (int i = 0; i < local.length; i++) {
      assertEquals(local[i], sparse.gradient()[i], 1e-6f * Math.max(1f, Math.abs(local[i])));
    }
  }

  private static float maxAbs(float[] v) {
    float m = 0;
    for (float x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  @Test
  void treeDepthMustBePositive() {
    Samples data = TestSets.random(10, 5, 3, 5);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> new SparkGradientSource(LocalSpark.context(), NET, data, new BatchPlan(1, 1, 1), 0));
    assertTrue(e.getMessage().contains("treeDepth is 0"), e.getMessage());
  }
}
