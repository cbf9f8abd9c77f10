package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.Lbfgs;
import org.sparkprop.optim.Optimizers;
import org.sparkprop.optim.PrunedOptimizer;
import org.sparkprop.optim.Schedule;

/**
 * Removed weights stay exactly 0 through training with every optimizer, and through a checkpoint
 * and resume: the mask of kept entries is part of the optimizer state a checkpoint saves.
 */
class PrunedTrainingTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {2, 8, 2},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private static final Samples XOR = TestSets.xor(200, 1);

  static List<String> optimizers() {
    return Optimizers.NAMES;
  }

  /** Every third connection weight removed; biases kept. */
  private static float[] keep() {
    boolean[] weights = NET.layout().weightMask();
    float[] keep = new float[weights.length];
    int n = 0;
    for (int i = 0; i < keep.length; i++) {
      keep[i] = weights[i] && n++ % 3 == 0 ? 0f : 1f;
    }
    return keep;
  }

  private static GradientSource source() {
    return new InMemoryGradientSource(NET, XOR, new BatchPlan(2, 16, 5, 0.05f));
  }

  private static Trainer trainer(String name, float[] keep, int epochs) {
    TrainingConfig config = new TrainingConfig(epochs, 0, Schedule.constant(), null, null, null,
        null, 0, 0);
    return new Trainer(new PrunedOptimizer(Optimizers.parse(name), keep), config,
        TrainingListener.NONE);
  }

  private static void assertRemovedAreZero(float[] keep, float[] theta, String what) {
    int removed = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i] == 0f) {
        assertEquals(0, Float.floatToRawIntBits(theta[i]), what + ": θ_" + i + " = " + theta[i]);
        removed++;
      }
    }
    assertTrue(removed > 10, "removed " + removed);
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void removedWeightsAndTheirStateStayBitwiseZero(String name) {
    float[] keep = keep();
    float[] theta0 = Initializer.initialTheta(NET, 3);
    SavedStates saved = new SavedStates(5);
    TrainingResult r = trainer(name, keep, 3).checkpoints(saved).train(source(), theta0);
    assertEquals(3 * 13, r.updates());
    assertRemovedAreZero(keep, r.theta(), name);
    int moved = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i] == 1f && r.theta()[i] != theta0[i]) {
        moved++;
      }
    }
    assertTrue(moved > keep.length / 2, name + ": only " + moved + " kept entries moved");
    for (TrainingState s : saved.states) {
      assertArrayEquals(keep, s.optimizerArrays().get(0), "the saved mask");
      for (float[] a : s.optimizerArrays().subList(1, s.optimizerArrays().size())) {
        for (int i = 0; i < keep.length; i++) {
          if (keep[i] == 0f) {
            assertEquals(0, Float.floatToRawIntBits(a[i]), name + ": state entry " + i);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void aResumedRunKeepsTheMaskAndEndsWithTheUninterruptedBits(String name) {
    float[] keep = keep();
    float[] theta0 = Initializer.initialTheta(NET, 3);
    SavedStates saved = new SavedStates(7);
    TrainingResult full = trainer(name, keep, 3).checkpoints(saved).train(source(), theta0);
    TrainingState mid = saved.states.stream().filter(s -> s.progress().iteration() > 0)
        .skip(2).findFirst().orElseThrow();
    // Resumed with no initial mask: the one saved in the checkpoint takes over.
    TrainingResult again = trainer(name, null, 3).resumeFrom(mid).train(source(), theta0);
    assertRemovedAreZero(keep, again.theta(), name + " resumed");
    assertArrayEquals(full.theta(), again.theta(), name + " resumed after " + mid.updates());
    // Without the mask the removed weights would have moved: the test can tell.
    TrainingResult unmasked = new Trainer(Optimizers.parse(name), new TrainingConfig(3, 0,
        Schedule.constant(), null, null, null, null, 0, 0), TrainingListener.NONE)
        .train(source(), full.theta());
    int nonZero = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i] == 0f && unmasked.theta()[i] != 0f) {
        nonZero++;
      }
    }
    assertNotEquals(0, nonZero, name + ": unmasked training left every removed weight at 0");
  }

  @Test
  void lbfgsKeepsRemovedWeightsAndItsHistoryAtZero() {
    float[] keep = keep();
    float[] theta0 = Initializer.initialTheta(NET, 3);
    TrainingConfig config = new TrainingConfig(15, 0);
    GradientSource full = new InMemoryGradientSource(NET, XOR, new BatchPlan(1, XOR.rows(), 5));
    TrainingResult r = new LbfgsTrainer(new Lbfgs(), config, TrainingListener.NONE).pruned(keep)
        .train(full, theta0, null);
    assertTrue(r.history().size() >= 5, "iterations " + r.history().size());
    assertRemovedAreZero(keep, r.theta(), "lbfgs");
    assertTrue(r.history().get(r.history().size() - 1).loss() < r.history().get(0).loss());
  }
}
