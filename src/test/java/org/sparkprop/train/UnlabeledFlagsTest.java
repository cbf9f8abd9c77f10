package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkprop.augment.Augmentation;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Distillation;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.tensor.Csr;
import org.sparkprop.tensor.RowMajor;

/**
 * Which rows have no label is said by their flags ({@link Samples#unlabeled()}), never by their
 * targets: here the rows without a label keep one-hot targets, and one row with a label has
 * targets all 0. Reading "no label" from targets all 0 fails every check below.
 */
class UnlabeledFlagsTest {

  private static final int IN = 6;
  private static final int K = 3;
  private static final int ROWS = 40;
  /** A row with a label whose targets are all 0. */
  private static final int ZERO_ROW = 4;
  private static final Network STUDENT = new Network(new NetworkSpec(new int[] {IN, 5, K},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private static final Network TEACHER_NET = new Network(new NetworkSpec(new int[] {IN, 9, K},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));
  private static final Teacher TEACHER = new Teacher(TEACHER_NET,
      Initializer.initialTheta(TEACHER_NET, 4), new Distillation(2.5f, 0.6f));

  /** Every third row flagged, its one-hot targets kept; row {@link #ZERO_ROW} labeled, all 0. */
  private static Samples data() {
    Samples random = TestSets.random(ROWS, IN, K, 8);
    float[] t = random.t().clone();
    Arrays.fill(t, ZERO_ROW * K, (ZERO_ROW + 1) * K, 0f);
    boolean[] unlabeled = new boolean[ROWS];
    for (int n = 0; n < ROWS; n += 3) {
      unlabeled[n] = true;
    }
    return new Samples(random.x(), t, ROWS, IN, K).withUnlabeled(unlabeled);
  }

  /**
   * The batch gradient over P shards, the rows visited in each shard's permuted order (and
   * augmented), is the sum of each row's own gradient: a row with a label under the
   * distillation loss, whatever its targets; a flagged row α times the loss with α = 1 (its hard
   * term has weight 0 whatever its targets). Its correct count compares a flagged row with the
   * teacher's answer and a labeled one with its targets.
   */
  @ParameterizedTest(name = "{0} shards, noise {1}")
  @CsvSource({"1,0", "2,0", "3,0.3"})
  void theBatchGradientTakesTheHardTermOfFlaggedRowsOutWhateverTheirTargets(int shards,
      double noise) {
    Samples data = data();
    BatchPlan plan = new BatchPlan(shards, ROWS, 7, Augmentation.noise(noise));
    float[] theta = Initializer.initialTheta(STUDENT, 2);
    int epoch = 1;
    GradientSum sum = new GradientSum();
    ShardWorker worker = new ShardWorker(STUDENT);
    for (Shard shard : Shard.split(data, shards)) {
      worker.accumulate(theta, shard.withSoftTargets(TEACHER.softTargets(shard.samples())), plan,
          epoch, 0, sum);
    }

    // By hand, row by row: augment as the plan does (sample i), ask the teacher, take the
    // gradient of the row alone.
    float[] x = data.x().clone();
    float[] scratch = new float[IN];
    if (noise > 0) {
      for (int i = 0; i < ROWS; i++) {
        plan.augment().apply(x, i * IN, IN, plan.seed(), epoch, i, scratch);
      }
    }
    float[] p = new float[ROWS * K];
    TEACHER.softTargets(x, ROWS, TEACHER_NET.newWorkspace(ROWS), p);
    Distillation softOnly = new Distillation(2.5f, 1f);
    float alpha = TEACHER.distillation().alpha();
    float[] expected = new float[theta.length];
    for (int n = 0; n < ROWS; n++) {
      float[] g = new float[theta.length];
      boolean flagged = !data.hasLabel(n);
      STUDENT.gradient(theta, x, n * IN, data.t(), n * K, null, 0, 1, STUDENT.newWorkspace(1), g,
          0L, p, n * K, flagged ? softOnly : TEACHER.distillation());
      for (int i = 0; i < g.length; i++) {
        expected[i] += flagged ? alpha * g[i] : g[i];
      }
    }
    float[] actual = sum.gradient(theta.length);
    for (int i = 0; i < theta.length; i++) {
      assertEquals(expected[i], actual[i], 1e-4f * Math.max(1f, Math.abs(expected[i])),
          "grad[" + i + "]");
    }

    float[] s = STUDENT.forward(theta, x, 0, ROWS, STUDENT.newWorkspace(ROWS));
    long correct = 0;
    for (int n = 0; n < ROWS; n++) {
      float[] truth = data.hasLabel(n) ? data.t() : p;
      if (RowMajor.argmax(s, n * K, K) == RowMajor.argmax(truth, n * K, K)) {
        correct++;
      }
    }
    assertEquals(correct, sum.correct());
    assertEquals(ROWS, sum.count());
  }

  /**
   * The figures count the rows with a label, the one whose targets are all 0 among them (its
   * truth is class 0), and leave the flagged rows and their loss out.
   */
  @Test
  void theFiguresCountTheLabeledRowsOnly() {
    Samples data = data();
    float[] theta = Initializer.initialTheta(STUDENT, 2);
    MetricSums flagged = new MetricSums(K, true);
    new ShardWorker(STUDENT).metrics(theta, data, flagged);

    float[] s = STUDENT.forward(theta, data.x(), 0, ROWS, STUDENT.newWorkspace(ROWS));
    MetricSums byHand = new MetricSums(K, true);
    for (int n = 0; n < ROWS; n++) {
      if (data.hasLabel(n)) {
        float[] row = Arrays.copyOfRange(s, n * K, (n + 1) * K);
        byHand.add(row, data.t(), n * K, 1,
            new CrossEntropy().value(s, n * K, data.t(), n * K, 1, K));
      }
    }
    assertEquals(ROWS - (ROWS + 2) / 3, flagged.rows());
    assertEquals(byHand.rows(), flagged.rows());
    assertEquals(byHand.meanLoss(), flagged.meanLoss(), 1e-9);
    assertEquals(byHand.accuracy(), flagged.accuracy(), 1e-12);
    assertArrayEquals((long[][]) byHand.figures().get("confusion_matrix"),
        (long[][]) flagged.figures().get("confusion_matrix"));
  }

  /** MetricSums by hand: a flagged one-hot row is not counted, a labeled row of zeros is. */
  @Test
  void metricSumsSkipFlaggedRowsAndCountALabeledRowOfZeros() {
    // Rows (truth -> predicted): class 1 -> 1; zeros (class 0) -> 0; class 2 -> 2, flagged.
    float[] t = {0, 1, 0, 0, 0, 0, 0, 0, 1};
    float[] s = {.1f, .8f, .1f, .7f, .2f, .1f, .1f, .1f, .8f};
    MetricSums sums = new MetricSums(K, true);
    sums.add(s, t, 0, 3, 0.5, new boolean[] {false, false, true}, 0);
    assertEquals(2, sums.rows());
    assertEquals(1.0, sums.accuracy(), 1e-12);
    long[][] confusion = (long[][]) sums.figures().get("confusion_matrix");
    assertArrayEquals(new long[] {1, 0, 0}, confusion[0]);
    assertArrayEquals(new long[] {0, 1, 0}, confusion[1]);
    assertArrayEquals(new long[] {0, 0, 0}, confusion[2]);
  }

  /** A flagged row in a shard without soft targets is refused, naming the row and the shard. */
  @Test
  void aFlaggedRowWithoutATeacherIsRefused() {
    Shard shard = Shard.split(data(), 2)[1];
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new ShardWorker(STUDENT).accumulate(Initializer.initialTheta(STUDENT, 2), shard,
            new BatchPlan(2, ROWS, 7), 0, 0, new GradientSum()));
    assertTrue(e.getMessage().contains("of shard 1 has no label"), e.getMessage());
  }

  /** The flags go with their rows into shards and through Java serialization; none stay none. */
  @Test
  void theFlagsFollowTheirRowsIntoShardsAndThroughSerialization() throws Exception {
    Samples data = data();
    for (boolean sparse : new boolean[] {false, true}) {
      Samples all = sparse
          ? Samples.sparse(Csr.of(data.x(), ROWS, IN), data.t(), K, null)
              .withUnlabeled(data.unlabeled())
          : data;
      Shard[] shards = Shard.split(all, 3);
      for (Shard shard : shards) {
        Shard back = roundTrip(shard);
        for (int r = 0; r < shard.rows(); r++) {
          int sample = r * 3 + shard.index();
          assertEquals(data.hasLabel(sample), shard.samples().hasLabel(r), "row " + sample);
          assertEquals(data.hasLabel(sample), back.samples().hasLabel(r), "row " + sample);
        }
      }
    }
    Samples plain = TestSets.random(10, IN, K, 3);
    assertNull(Shard.split(plain, 2)[1].samples().unlabeled());
    assertNull(roundTrip(plain).unlabeled());
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
