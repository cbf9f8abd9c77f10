package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.sparkprop.optim.Schedule;

/**
 * Checkpoints within an epoch: a run resumed from one goes on with the same bits as a run that
 * never stopped (the batch plan, noise and schedule are functions of seed, epoch and iteration).
 */
class MidEpochResumeTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {2, 8, 2},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private static final Samples XOR = TestSets.xor(200, 1);


  private static Trainer trainer(int epochs) {
    TrainingConfig config = new TrainingConfig(epochs, 0, Schedule.step(2, 0.5), null, null,
        null, null, 0, 0);
    return new Trainer(new Adam(), config, TrainingListener.NONE);
  }

  private static GradientSource source() {
    // 16-sample batches over 200 rows: 13 updates an epoch; noise drawn per (epoch, iteration).
    return new InMemoryGradientSource(NET, XOR, new BatchPlan(2, 16, 5, 0.05f));
  }

  @Test
  void aRunResumedWithinAnEpochEndsWithTheBitsOfAnUninterruptedOne() {
    float[] theta0 = Initializer.initialTheta(NET, 3);
    SavedStates saved = new SavedStates(7);
    TrainingResult full = trainer(4).checkpoints(saved).train(source(), theta0);
    assertEquals(4 * 13, full.updates());
    List<TrainingState> within = saved.states.stream()
        .filter(s -> s.progress().iteration() > 0).toList();
    assertEquals(4 * 13 / 7, within.size(), "one every 7 updates, none at an epoch's end");
    int resumed = 0;
    for (TrainingState s : within) {
      assertEquals(s.updates() - 13L * s.epochs(), s.progress().iteration());
      TrainingResult again = trainer(4).resumeFrom(s).train(source(), theta0);
      assertArrayEquals(full.theta(), again.theta(), "resumed after update " + s.updates());
      assertEquals(full.updates(), again.updates());
      assertEquals(full.history().size(), again.history().size());
      for (int e = 0; e < full.history().size(); e++) {
        EpochStats a = full.history().get(e);
        EpochStats b = again.history().get(e);
        assertEquals(a.loss(), b.loss(), 0.0, "epoch " + (e + 1) + " loss");
        assertEquals(a.accuracy(), b.accuracy(), 0.0, "epoch " + (e + 1) + " accuracy");
      }
      resumed++;
    }
    assertTrue(resumed >= 5, "resumed " + resumed);
  }

  @Test
  void noCheckpointIsWrittenWithinACurriculumEpoch() {
    SavedStates saved = new SavedStates(3);
    TrainingConfig config = new TrainingConfig(3, 0, Schedule.constant(), null, null, null,
        null, 0, 2);
    new Trainer(new Adam(), config, TrainingListener.NONE).checkpoints(saved)
        .train(source(), Initializer.initialTheta(NET, 3));
    List<TrainingState> within = saved.states.stream()
        .filter(s -> s.progress().iteration() > 0).toList();
    assertTrue(!within.isEmpty() && within.stream().allMatch(s -> s.epochs() == 2),
        within.stream().map(s -> s.epochs() + "/" + s.progress().iteration()).toList()
            .toString());
  }
}
