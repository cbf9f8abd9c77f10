package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Distillation;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;

/**
 * A curriculum ranks a row without a label by the loss of the student's output against the
 * teacher's own class probabilities softmax(z_t), recovered from the soft targets at T, and puts
 * such a row after every labeled row when the shard has no soft targets; never by its targets,
 * which are all 0 and would make it the easiest row of all. Labeled rows keep their loss, bit for
 * bit.
 */
class UnlabeledCurriculumTest {

  private static final int IN = 6;
  private static final int K = 3;
  private static final int ROWS = 40;
  private static final Network STUDENT = new Network(new NetworkSpec(new int[] {IN, 5, K},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private static final Network TEACHER_NET = new Network(new NetworkSpec(new int[] {IN, 9, K},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));
  private static final Teacher TEACHER = new Teacher(TEACHER_NET,
      Initializer.initialTheta(TEACHER_NET, 4), new Distillation(2.5f, 0.6f));

  /** Every third row without a label, packed as such: targets all 0. */
  private static Samples data() {
    Samples random = TestSets.random(ROWS, IN, K, 8);
    float[] t = random.t().clone();
    boolean[] unlabeled = new boolean[ROWS];
    for (int n = 0; n < ROWS; n += 3) {
      unlabeled[n] = true;
      Arrays.fill(t, n * K, (n + 1) * K, 0f);
    }
    return new Samples(random.x(), t, ROWS, IN, K).withUnlabeled(unlabeled);
  }

  @Test
  void aRowWithoutALabelIsRankedByTheTeachersOwnProbabilities() {
    Samples data = data();
    Shard shard = Shard.split(data, 1)[0];
    shard = shard.withSoftTargets(TEACHER.softTargets(shard.samples()));
    float[] theta = Initializer.initialTheta(STUDENT, 2);
    ShardWorker worker = new ShardWorker(STUDENT);
    float[] q = worker.sampleLosses(theta, shard.samples(), shard.soft());

    // By hand: the teacher's softmax(z_t) straight from its network, at temperature 1.
    float[] s = STUDENT.forward(theta, data.x(), 0, ROWS, STUDENT.newWorkspace(ROWS)).clone();
    float[] believed = TEACHER_NET.forward(TEACHER.theta(), data.x(), 0, ROWS,
        TEACHER_NET.newWorkspace(ROWS));
    float[] labeledLosses = worker.sampleLosses(theta, data.withUnlabeled(null), null);
    double[] byHand = new double[ROWS];
    for (int n = 0; n < ROWS; n++) {
      if (data.hasLabel(n)) {
        byHand[n] = labeledLosses[n];
        assertEquals(Float.floatToIntBits(labeledLosses[n]), Float.floatToIntBits(q[n]),
            "a labeled row keeps its loss bit for bit, row " + n);
        continue;
      }
      for (int c = 0; c < K; c++) {
        byHand[n] -= believed[n * K + c] * Math.log(s[n * K + c]);
      }
      assertEquals(byHand[n], q[n], 1e-5 * Math.max(1, byHand[n]), "row " + n);
      assertTrue(q[n] > 0, "a row without a label is not the easiest by its zero targets");
    }

    int[] order = worker.easyFirst(1L, theta, shard);
    for (int i = 1; i < ROWS; i++) {
      assertTrue(byHand[order[i - 1]] <= byHand[order[i]] + 1e-5,
          "rows " + order[i - 1] + " and " + order[i] + " out of order");
    }
    // Ranked among the labeled rows here, neither all before them nor all after them.
    int first = ROWS;
    int last = -1;
    for (int i = 0; i < ROWS; i++) {
      if (!data.hasLabel(order[i])) {
        first = Math.min(first, i);
        last = i;
      }
    }
    int unlabeled = (ROWS + 2) / 3;
    assertTrue(first < ROWS - unlabeled && last >= unlabeled, Arrays.toString(order));
  }

  @Test
  void withoutSoftTargetsARowWithoutALabelGoesAfterEveryLabeledRowInRowOrder() {
    Samples data = data();
    float[] theta = Initializer.initialTheta(STUDENT, 2);
    ShardWorker worker = new ShardWorker(STUDENT);
    Shard shard = Shard.split(data, 1)[0];
    int[] order = worker.easyFirst(1L, theta, shard);

    float[] labeledLosses = worker.sampleLosses(theta, data.withUnlabeled(null), null);
    int labeled = ROWS - (ROWS + 2) / 3;
    int[] expected = new int[ROWS];
    int[] byLoss = Curriculum.easyFirst(labeledLosses);
    int at = 0;
    for (int n : byLoss) {
      if (data.hasLabel(n)) {
        expected[at++] = n;
      }
    }
    assertEquals(labeled, at);
    for (int n = 0; n < ROWS; n++) {
      if (!data.hasLabel(n)) {
        expected[at++] = n;
      }
    }
    assertArrayEquals(expected, order);
  }

  @Test
  void withoutRowsWithoutALabelTheLossesAreTheSameBits() {
    Samples plain = TestSets.random(ROWS, IN, K, 8);
    float[] theta = Initializer.initialTheta(STUDENT, 2);
    ShardWorker worker = new ShardWorker(STUDENT);
    float[] alone = worker.sampleLosses(theta, plain, null);
    float[] taught = worker.sampleLosses(theta, plain, TEACHER.softTargets(plain));
    assertArrayEquals(alone, taught);
  }
}
