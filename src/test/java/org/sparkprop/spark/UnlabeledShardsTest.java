package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.sparkprop.nn.Distillation;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.Workspace;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.Curriculum;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.MetricSums;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;
import org.sparkprop.train.ShardWorker;
import org.sparkprop.train.SoftTargets;
import org.sparkprop.train.Teacher;
import org.sparkprop.train.TestSets;

/**
 * Rows without labels packed into the training shards beside the labeled rows: they carry the
 * teacher's soft targets like the others, the distilled gradient over the shards is the sum of
 * the per-sample gradients (labeled rows both terms, unlabeled rows α times the soft term alone),
 * P partitions give the gradient of one, the train-set figures count the labeled rows only, and a
 * curriculum ranks the unlabeled rows by the teacher's probabilities.
 */
class UnlabeledShardsTest {

  private static final int IN = 6;
  private static final int K = 3;
  private static final int LABELED = 37;
  private static final int UNLABELED = 53;
  private static final float T = 3;
  private static final float ALPHA = 0.7f;
  private static final Network STUDENT = new Network(new NetworkSpec(new int[] {IN, 5, K},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private static final Network TEACHER_NET = new Network(new NetworkSpec(new int[] {IN, 12, K},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));
  private static final Teacher TEACHER = new Teacher(TEACHER_NET,
      Initializer.initialTheta(TEACHER_NET, 4), new Distillation(T, ALPHA));

  private static final Samples LABELED_ROWS = TestSets.random(LABELED, IN, K, 11);
  /** Their labels are never read: the rows are packed without them. */
  private static final Samples UNLABELED_ROWS = TestSets.random(UNLABELED, IN, K, 12);

  private static JavaRDD<SampleRow> rows(JavaSparkContext sc, Samples s, int slices) {
    List<SampleRow> rows = new ArrayList<>();
    for (int n = 0; n < s.rows(); n++) {
      rows.add(new SampleRow(Arrays.copyOfRange(s.x(), n * IN, (n + 1) * IN),
          Arrays.copyOfRange(s.t(), n * K, (n + 1) * K), 1f));
    }
    return sc.parallelize(rows, slices);
  }

  private static ShardRdd pack(JavaSparkContext sc, int partitions) {
    ShardInput<Object> mixed = ShardInput.withUnlabeled(
        ShardInput.of(rows(sc, LABELED_ROWS, 2), IN, K),
        ShardInput.of(rows(sc, UNLABELED_ROWS, 3), IN, K));
    return ShardRdd.fromInput(mixed, partitions, StorageLevel.MEMORY_ONLY(), 7L, null);
  }

  /** The full-batch distilled gradient sum over the packed shards at theta. */
  private static float[] gradient(JavaSparkContext sc, int partitions, float[] theta) {
    try (ShardRdd packed = pack(sc, partitions);
        ShardRdd taught = packed.withSoftTargets(sc, TEACHER);
        SparkGradientSource source = new SparkGradientSource(sc, STUDENT, taught,
            new BatchPlan(taught.shards(), taught.rows(), 5), 2)) {
      return source.gradient(theta, 0, 0).gradient().clone();
    }
  }

  /** The gradient of one row alone, under {@code d}, with the teacher's soft targets. */
  private static float[] rowGradient(Samples s, int n, float[] t, float[] theta, Distillation d) {
    float[] x = Arrays.copyOfRange(s.x(), n * IN, (n + 1) * IN);
    Samples one = new Samples(x, t, 1, IN, K);
    SoftTargets p = TEACHER.softTargets(one);
    float[] grad = new float[theta.length];
    Workspace ws = STUDENT.newWorkspace(1);
    STUDENT.gradient(theta, x, 0, t, 0, null, 0, 1, ws, grad, 0L, p.p(), 0, d);
    return grad;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void theGradientIsTheSumOfThePerSampleGradientsWithoutTheHardTermOfUnlabeledRows(
      int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    float[] theta = Initializer.initialTheta(STUDENT, 2);
    float[] expected = new float[theta.length];
    for (int n = 0; n < LABELED; n++) {
      float[] g = rowGradient(LABELED_ROWS, n,
          Arrays.copyOfRange(LABELED_ROWS.t(), n * K, (n + 1) * K), theta, TEACHER.distillation());
      for (int i = 0; i < g.length; i++) {
        expected[i] += g[i];
      }
    }
    // Without a label, a row's loss is α·T²·CE(p, u): α times the loss with α = 1, whose hard
    // term has weight 0 whatever the targets are.
    Distillation softOnly = new Distillation(T, 1f);
    for (int n = 0; n < UNLABELED; n++) {
      float[] g = rowGradient(UNLABELED_ROWS, n,
          Arrays.copyOfRange(UNLABELED_ROWS.t(), n * K, (n + 1) * K), theta, softOnly);
      for (int i = 0; i < g.length; i++) {
        expected[i] += ALPHA * g[i];
      }
    }
    float[] got = gradient(sc, partitions, theta);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], got[i], 1e-4f * Math.max(1f, Math.abs(expected[i])),
          "grad[" + i + "] with " + partitions + " partitions");
    }
  }

  @Test
  void twoPartitionsGiveTheGradientOfOne() {
    JavaSparkContext sc = LocalSpark.context();
    float[] theta = Initializer.initialTheta(STUDENT, 3);
    float[] one = gradient(sc, 1, theta);
    float[] two = gradient(sc, 2, theta);
    for (int i = 0; i < one.length; i++) {
      assertEquals(one[i], two[i], 1e-5f * Math.max(1f, Math.abs(one[i])), "grad[" + i + "]");
    }
  }

  /** Sparse shards flag the same rows: the flag is set where a row is packed, dense or not. */
  @Test
  void sparseShardsFlagTheRowsWithoutALabel() {
    JavaSparkContext sc = LocalSpark.context();
    ShardInput<Object> mixed = ShardInput.withUnlabeled(
        ShardInput.of(rows(sc, LABELED_ROWS, 2), IN, K),
        ShardInput.of(rows(sc, UNLABELED_ROWS, 3), IN, K));
    try (ShardRdd packed = ShardRdd.fromInput(mixed, 2, StorageLevel.MEMORY_ONLY(), 7L, null,
        org.sparkprop.train.Sparsity.SPARSE)) {
      int flagged = 0;
      for (Shard shard : packed.rdd().collect()) {
        assertTrue(shard.samples().isSparse());
        for (int r = 0; r < shard.rows(); r++) {
          flagged += shard.samples().hasLabel(r) ? 0 : 1;
        }
      }
      assertEquals(UNLABELED, flagged);
    }
  }

  /**
   * A curriculum epoch on the executors ranks a row without a label by its loss against the
   * teacher's softmax(z_t), computed here from the teacher's network: the first batch of each
   * shard holds its easiest rows so ranked. Ranked by their targets (all 0, loss 0), the rows
   * without a label would fill every first batch.
   */
  @Test
  void aCurriculumRanksRowsWithoutALabelByTheTeachersProbabilities() {
    JavaSparkContext sc = LocalSpark.context();
    float[] theta = Initializer.initialTheta(STUDENT, 2);
    try (ShardRdd packed = pack(sc, 2); ShardRdd taught = packed.withSoftTargets(sc, TEACHER)) {
      BatchPlan plan = new BatchPlan(taught.shards(), 10, 5);
      // Collected first: closing the source closes the shards it reads.
      List<Shard> shards = taught.rdd().collect();
      GradientSum first;
      try (SparkGradientSource source = new SparkGradientSource(sc, STUDENT, taught, plan, 2)) {
        source.easyFirst(theta);
        first = source.gradient(theta, 0, 0);
      }
      GradientSum expected = new GradientSum();
      ShardWorker worker = new ShardWorker(STUDENT);
      int flaggedFirst = 0;
      for (Shard shard : shards) {
        Samples s = shard.samples();
        float[] out = STUDENT.forward(theta, s.x(), 0, s.rows(), STUDENT.newWorkspace(s.rows()))
            .clone();
        float[] believed = TEACHER_NET.forward(TEACHER.theta(), s.x(), 0, s.rows(),
            TEACHER_NET.newWorkspace(s.rows()));
        float[] q = new float[s.rows()];
        for (int r = 0; r < s.rows(); r++) {
          float[] truth = s.hasLabel(r) ? s.t() : believed;
          double loss = 0;
          for (int c = 0; c < K; c++) {
            loss -= truth[r * K + c] * Math.log(out[r * K + c]);
          }
          q[r] = (float) loss;
        }
        int[] order = Curriculum.easyFirst(q);
        for (int i = 0; i < 5; i++) {
          flaggedFirst += s.hasLabel(order[i]) ? 0 : 1;
        }
        worker.accumulate(theta, shard, plan, 0, 0, order, expected);
      }
      assertTrue(flaggedFirst < 10, flaggedFirst + " of the 10 easiest rows have no label");
      assertEquals(expected.count(), first.count());
      assertEquals(expected.correct(), first.correct());
      assertEquals(expected.loss(), first.loss(), 1e-5 * Math.abs(expected.loss()));
    }
  }

  @Test
  void theShardsHoldEveryRowAndTheTrainSetFiguresCountTheLabeledOnes() {
    JavaSparkContext sc = LocalSpark.context();
    float[] theta = Initializer.initialTheta(STUDENT, 2);
    try (ShardRdd packed = pack(sc, 2); ShardRdd taught = packed.withSoftTargets(sc, TEACHER)) {
      assertEquals(LABELED + UNLABELED, taught.rows());
      int flagged = 0;
      for (Shard shard : taught.rdd().collect()) {
        for (int r = 0; r < shard.rows(); r++) {
          if (!shard.samples().hasLabel(r)) {
            flagged++;
            for (int c = 0; c < K; c++) {
              assertEquals(0f, shard.samples().t()[r * K + c], "a row without a label's targets");
            }
          }
          float sum = 0;
          for (int c = 0; c < K; c++) {
            sum += shard.soft().p()[r * K + c];
          }
          assertEquals(1f, sum, 1e-5f, "the teacher labels every row");
        }
      }
      assertEquals(UNLABELED, flagged);
      MetricSums train = ShardMetrics.of(sc, STUDENT, theta, taught);
      assertEquals(LABELED, train.rows());
      MetricSums labeledOnly = new MetricSums(K, true);
      new org.sparkprop.train.ShardWorker(STUDENT).metrics(theta, LABELED_ROWS, labeledOnly);
      assertEquals(labeledOnly.accuracy(), train.accuracy(), 1e-12);
      assertTrue(train.accuracy() >= 0 && train.accuracy() <= 1);
    }
  }
}
