package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.Adam;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.TestSets;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/**
 * A barrier stage that fails in the middle of its run (here: the driver's hub loses the run's
 * links, so every task of the stage fails, as when an executor dies) is run again from the run's
 * starting state and ends with the bits of an undisturbed run; a run that fails in every stage
 * allowed ends the fit with a {@link BarrierRunFailedException}.
 */
class BarrierRerunTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {5, 12, 7, 3},
      Activations.parse("relu"), new Softmax(), new CrossEntropy()));
  private static final int EPOCHS = 3;

  private static TrainingResult train(GradientSource source) {
    Trainer trainer = new Trainer(new Adam(), new TrainingConfig(EPOCHS, 0),
        TrainingListener.NONE);
    return trainer.train(source, Initializer.initialTheta(NET, 11));
  }

  /**
   * Retires the hub's current run once it has served {@code after} batches, {@code times} times
   * (forever for a negative count), until {@code done}.
   */
  private static Thread breaker(SumHub hub, int after, int times, AtomicBoolean done,
      AtomicInteger broken) {
    Thread t = new Thread(() -> {
      while (!done.get() && (times < 0 || broken.get() < times)) {
        long token = hub.token();
        if (token != 0 && hub.served() >= after) {
          hub.retire(token);
          broken.incrementAndGet();
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "barrier-breaker");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void aStageBrokenMidRunIsRunAgainToTheUndisturbedBits() throws Exception {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(400, 5, 3, 17);
    BatchPlan plan = new BatchPlan(2, 8, 23); // 50 batches an epoch
    TrainingResult reference;
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, plan, 2)) {
      reference = train(source);
    }
    ShardRdd packed = ShardRdd.fromSamples(sc, data, 2); // the source closes it
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, packed, plan, 2);
        BarrierUpdates barrier = BarrierUpdates.over(source, sc, NET, packed, 2, 3)) {
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger broken = new AtomicInteger();
      Thread t = breaker(barrier.hub(), 5, 2, done, broken);
      TrainingResult rerun = train(barrier);
      done.set(true);
      t.join();
      assertEquals(2, broken.get(), "two runs were broken off");
      assertTrue(barrier.reruns() >= 1 && barrier.reruns() <= 2,
          "stages run again: " + barrier.reruns());
      assertEquals(reference.updates(), rerun.updates());
      assertArrayEquals(reference.theta(), rerun.theta());
      assertEquals(reference.history().get(EPOCHS - 1).loss(),
          rerun.history().get(EPOCHS - 1).loss());
    }
  }

  @Test
  void aRunThatFailsInEveryStageAllowedEndsWithATypedError() throws Exception {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(400, 5, 3, 17);
    BatchPlan plan = new BatchPlan(2, 8, 23);
    ShardRdd packed = ShardRdd.fromSamples(sc, data, 2); // the source closes it
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, packed, plan, 2);
        BarrierUpdates barrier = BarrierUpdates.over(source, sc, NET, packed, 2, 2)) {
      AtomicBoolean done = new AtomicBoolean();
      Thread t = breaker(barrier.hub(), 1, -1, done, new AtomicInteger());
      BarrierRunFailedException e = assertThrows(BarrierRunFailedException.class,
          () -> train(barrier));
      done.set(true);
      t.join();
      assertEquals(2, e.attempts());
      assertEquals(0, e.epoch());
      assertEquals(0, e.from());
      assertEquals(50, e.to());
      assertEquals(1, barrier.reruns());
    }
  }
}
