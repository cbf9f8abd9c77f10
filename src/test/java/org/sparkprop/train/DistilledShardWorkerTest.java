package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkprop.augment.Augmentation;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Distillation;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;

/**
 * A worker over a shard with soft targets computes the distillation gradient of its batch: with
 * the teacher's cached outputs for plain rows, and with the teacher's outputs on the augmented
 * rows when the batch is augmented.
 */
class DistilledShardWorkerTest {

  private static final Network STUDENT = new Network(new NetworkSpec(new int[] {6, 5, 3},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private static final Network TEACHER_NET = new Network(new NetworkSpec(new int[] {6, 9, 3},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));

  @ParameterizedTest(name = "noise {0}")
  @ValueSource(doubles = {0, 0.3})
  void theBatchGradientIsTheDistillationGradientOfItsRows(double noise) {
    Teacher teacher = new Teacher(TEACHER_NET, Initializer.initialTheta(TEACHER_NET, 4),
        new Distillation(2.5f, 0.6f));
    Samples data = TestSets.random(40, 6, 3, 8);
    Shard shard = Shard.split(data, 1)[0].withSoftTargets(teacher.softTargets(data));
    BatchPlan plan = new BatchPlan(1, 40, 7, Augmentation.noise(noise));
    float[] theta = Initializer.initialTheta(STUDENT, 2);
    int epoch = 1;

    GradientSum sum = new GradientSum();
    new ShardWorker(STUDENT).accumulate(theta, shard, plan, epoch, 0, sum);

    // By hand: augment every row as the plan does, ask the teacher, take the gradient.
    float[] x = data.x().clone();
    float[] scratch = new float[6];
    if (noise > 0) {
      for (int i = 0; i < 40; i++) {
        plan.augment().apply(x, i * 6, 6, plan.seed(), epoch, i, scratch);
      }
    }
    float[] p = new float[40 * 3];
    teacher.softTargets(x, 40, TEACHER_NET.newWorkspace(40), p);
    float[] expected = new float[theta.length];
    double loss = STUDENT.gradient(theta, x, 0, data.t(), 0, null, 0, 40,
        STUDENT.newWorkspace(40), expected, 0L, p, 0, teacher.distillation());
    assertEquals(loss, sum.loss(), 1e-4 * Math.abs(loss));
    float[] actual = sum.gradient(theta.length);
    for (int i = 0; i < theta.length; i++) {
      assertEquals(expected[i], actual[i], 1e-4f * Math.max(1f, Math.abs(expected[i])),
          "grad[" + i + "]");
    }
  }
}
