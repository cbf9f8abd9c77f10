package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.SquaredError;
import org.sparkprop.optim.Adam;
import org.sparkprop.optim.GradientDescent;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.StopReason;
import org.sparkprop.train.TestSets;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/**
 * Barrier stages that reach over several epochs make the updates of one stage per epoch and of
 * one Spark job per update, bit for bit: the same Θ, update count, epoch figures and Θ at every
 * epoch's end (which the listener sees), and the same divergence; and they run fewer stages.
 */
class EpochStagesTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {5, 12, 7, 3},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));
  private static final int EPOCHS = 6;

  /** A fit and what its listener saw: each epoch's Θ. */
  private record Fit(TrainingResult result, List<float[]> epochThetas, int stages) {}

  private static Fit fit(Network net, Optimizer optimizer, int epochs, GradientSource source,
      long seed) {
    List<float[]> seen = new ArrayList<>();
    TrainingListener listener = (stats, theta) -> seen.add(theta.clone());
    TrainingResult result = new Trainer(optimizer, new TrainingConfig(epochs, 0), listener)
        .train(source, Initializer.initialTheta(net, seed));
    return new Fit(result, seen, source instanceof BarrierUpdates b ? b.stages() : 0);
  }

  /**
   * The fit with one Spark job per update, then with barrier stages bounded to each of
   * {@code stageSeconds} in turn.
   */
  private static List<Fit> fits(Network net, Samples data, BatchPlan plan,
      Supplier<Optimizer> optimizer, int epochs, double... stageSeconds) {
    JavaSparkContext sc = LocalSpark.context();
    List<Fit> fits = new ArrayList<>();
    try (SparkGradientSource source = new SparkGradientSource(sc, net, data, plan, 2)) {
      fits.add(fit(net, optimizer.get(), epochs, source, 11));
    }
    for (double seconds : stageSeconds) {
      ShardRdd packed = ShardRdd.fromSamples(sc, data, plan.shards()); // the source closes it
      try (SparkGradientSource source = new SparkGradientSource(sc, net, packed, plan, 2);
          BarrierUpdates barrier = BarrierUpdates.over(source, sc, net, packed, 2)
              .stageSeconds(seconds)) {
        fits.add(fit(net, optimizer.get(), epochs, barrier, 11));
      }
    }
    return fits;
  }

  private static void assertSame(Fit want, Fit got, String what) {
    TrainingResult a = want.result();
    TrainingResult b = got.result();
    assertEquals(a.updates(), b.updates(), what);
    assertEquals(a.stopReason(), b.stopReason(), what);
    assertEquals(a.divergence(), b.divergence(), what);
    assertArrayEquals(a.theta(), b.theta(), what);
    assertEquals(a.history().size(), b.history().size(), what);
    for (int e = 0; e < a.history().size(); e++) {
      EpochStats x = a.history().get(e);
      EpochStats y = b.history().get(e);
      assertEquals(x.epoch(), y.epoch(), what);
      assertEquals(x.loss(), y.loss(), 0.0, what + ", epoch " + (e + 1) + " loss");
      assertEquals(x.accuracy(), y.accuracy(), 0.0, what + ", epoch " + (e + 1) + " accuracy");
      assertArrayEquals(want.epochThetas().get(e), got.epochThetas().get(e),
          what + ", Θ at the end of epoch " + (e + 1));
    }
  }

  @Test
  void stagesOverSeveralEpochsGiveTheBitsOfOneStagePerEpochAndOfOneJobPerUpdate() {
    Samples data = TestSets.random(300, 5, 3, 17);
    BatchPlan plan = new BatchPlan(2, 32, 23); // 10 batches an epoch, the last of 12 rows
    // one job per update; one stage per epoch; every epoch in one stage; a bound in between
    // (where it ends a stage depends on the machine's speed, never the bits); the default
    List<Fit> fits = fits(NET, data, plan, Adam::new, EPOCHS, 0.0, 3600.0, 0.05,
        BarrierUpdates.DEFAULT_STAGE_SECONDS);
    Fit step = fits.get(0);
    assertNull(step.result().divergence());
    assertEquals(EPOCHS * 10L, step.result().updates());
    assertEquals(EPOCHS, step.epochThetas().size());
    String[] names = {"one stage per epoch", "one stage", "stages of 0.05 s", "default bound"};
    for (int i = 1; i < fits.size(); i++) {
      assertSame(step, fits.get(i), names[i - 1]);
    }
    assertEquals(EPOCHS, fits.get(1).stages(), "a stage per epoch with a bound of 0 s");
    assertEquals(1, fits.get(2).stages(), "a stage for all epochs with a bound of an hour");
    int bounded = fits.get(3).stages();
    assertTrue(bounded >= 1 && bounded <= EPOCHS, "stages of 0.05 s: " + bounded);
  }

  /**
   * Plain gradient descent with too large a step on a linear regression net overshoots further
   * every update until the loss overflows, here at batch 2 of epoch 2 (steps of 0.23 and less
   * did not diverge in 40 epochs, 0.25 diverged at batch 1 of epoch 2): the stage that started
   * in epoch 1 went on past its end and ends at the diverged batch, and the loop reports the
   * same epoch, batch and last finite loss, with the same Θ, as one job per update.
   */
  @Test
  void aDivergenceWithinAMultiEpochStageEndsTrainingAsOneJobPerUpdateDoes() {
    Network net = new Network(new NetworkSpec(new int[] {2, 4, 1}, Activations.parse("linear"),
        Activations.parse("linear"), new SquaredError()));
    Samples data = TestSets.xorTargets(64, 10f);
    BatchPlan plan = new BatchPlan(2, 8, 1); // 8 batches an epoch
    List<Fit> fits = fits(net, data, plan, () -> new GradientDescent(0.24f), 40, 0.0, 3600.0);
    Fit step = fits.get(0);
    assertEquals(StopReason.DIVERGED, step.result().stopReason());
    assertNotNull(step.result().divergence());
    assertTrue(step.result().divergence().epoch() >= 2,
        "diverged in epoch " + step.result().divergence().epoch() + ": not within a stage"
            + " that went past an epoch's end");
    assertSame(step, fits.get(1), "one stage per epoch");
    assertSame(step, fits.get(2), "one stage");
    assertEquals(1, fits.get(2).stages());
  }

}
