package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.Adam;
import org.sparkprop.optim.GradientDescent;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.Schedule;

/** The local SGD loop in one JVM: checkpoints at round ends, resume, divergence. */
class LocalSgdTrainerTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {2, 8, 2},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private static final Samples XOR = TestSets.xor(200, 1);
  /** 16-sample batches over 200 rows: 13 updates an epoch, rounds of 4 end at 4, 8, 12, 13. */
  private static final BatchPlan PLAN = new BatchPlan(2, 16, 5, 0.05f);


  private static LocalSgdTrainer trainer(Optimizer optimizer, int epochs) {
    TrainingConfig config = new TrainingConfig(epochs, 0, Schedule.step(2, 0.5), null, null,
        null, null, 0, 0);
    return new LocalSgdTrainer(optimizer, config, TrainingListener.NONE, 4);
  }

  private static TrainingResult train(LocalSgdTrainer trainer, float[] theta0) {
    return trainer.train(new InMemoryGradientSource(NET, XOR, PLAN),
        new InMemoryLocalRounds(NET, XOR, PLAN), theta0, null);
  }

  @Test
  void checkpointsFallAtRoundEndsAndResumeWithTheSameBits() {
    float[] theta0 = Initializer.initialTheta(NET, 3);
    SavedStates saved = new SavedStates(6);
    TrainingResult full = train(trainer(new Adam(), 3).checkpoints(saved), theta0);
    assertEquals(3 * 13, full.updates());
    List<TrainingState> within = saved.states.stream()
        .filter(s -> s.progress().iteration() > 0).toList();
    assertTrue(within.size() >= 3, "checkpoints within epochs: " + within.size());
    for (TrainingState s : within) {
      assertEquals(0, s.progress().iteration() % 4, "a round end: " + s.progress());
      TrainingResult again = train(trainer(new Adam(), 3).resumeFrom(s), theta0);
      assertArrayEquals(full.theta(), again.theta(), "resumed at " + s.updates());
      assertEquals(full.updates(), again.updates());
    }
  }

  @Test
  void oneLocalStepOfGradientDescentIsTheSynchronousLoop() {
    float[] theta0 = Initializer.initialTheta(NET, 3);
    TrainingConfig config = new TrainingConfig(3, 0, Schedule.step(2, 0.5), null, null,
        null, null, 0, 0);
    Optimizer sgd = new GradientDescent(0.1f);
    TrainingResult step = new Trainer(sgd, config, TrainingListener.NONE)
        .train(new InMemoryGradientSource(NET, XOR, PLAN), theta0);
    TrainingResult local = new LocalSgdTrainer(sgd, config, TrainingListener.NONE, 1)
        .train(new InMemoryGradientSource(NET, XOR, PLAN),
            new InMemoryLocalRounds(NET, XOR, PLAN), theta0, null);
    for (int i = 0; i < theta0.length; i++) {
      assertEquals(step.theta()[i], local.theta()[i], 1e-5, "theta " + i);
    }
    assertEquals(step.history().get(2).loss(), local.history().get(2).loss(), 1e-5);
  }

  @Test
  void aNonFiniteRoundStopsTrainingAsDiverged() {
    // A linear regression net with a huge step overshoots further every step until q is Inf/NaN.
    Network net = new Network(new NetworkSpec(new int[] {2, 4, 1}, Activations.parse("linear"),
        Activations.parse("linear"), new org.sparkprop.nn.SquaredError()));
    Samples data = TestSets.xorTargets(64, 10f);
    BatchPlan plan = new BatchPlan(2, 8, 1);
    TrainingResult r = new LocalSgdTrainer(new GradientDescent(50f), new TrainingConfig(200, 0),
        TrainingListener.NONE, 4).train(new InMemoryGradientSource(net, data, plan),
            new InMemoryLocalRounds(net, data, plan), Initializer.initialTheta(net, 1), null);
    assertEquals(StopReason.DIVERGED, r.stopReason());
    assertNotNull(r.divergence());
    assertTrue(r.history().size() < 200, "epochs run: " + r.history().size());
    assertTrue(Trainer.allFinite(r.theta()), "theta as the diverged round began");
  }
}
