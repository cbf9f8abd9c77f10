package org.sparkprop.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkprop.settings.SettingException;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;
import org.sparkprop.train.TrainingResult;

/** Local SGD (sync=local:K) through the distributed fit, on Spark local[2]. */
class LocalSgdFitTest {

  /** 400 XOR rows over 2 shards in batches of 20: every share of every batch has 10 rows. */
  private static final Settings PLAIN_SGD = Settings.defaults()
      .withOverride("layers=2,8,2", "test")
      .withOverride("epochs=3", "test")
      .withOverride("partitions=2", "test")
      .withOverride("batchSize=20", "test")
      .withOverride("optimizer=sgd", "test")
      .withOverride("stepSize=0.1", "test");


  private static TrainingResult fit(Settings settings, List<SampleRow> data) {
    return FitRuns.fit(LocalSpark.context(), settings, data);
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  @Test
  void oneLocalStepOfPlainSgdIsTheSynchronousUpdate() {
    List<SampleRow> data = FitRuns.xor(400);
    TrainingResult step = fit(PLAIN_SGD, data);
    TrainingResult local = fit(PLAIN_SGD.withOverride("sync=local:1", "test"), data);
    assertNull(local.divergence());
    assertEquals(step.updates(), local.updates());
    double difference = maxDifference(step.theta(), local.theta());
    System.out.println("local:1 vs step, max |dtheta| = " + difference);
    assertTrue(difference <= 1e-5, "max |theta difference| " + difference);
  }

  @Test
  void unequalSharesAreWeightedByTheRowsEachTaskSaw() {
    // Batches of 15 over 2 shards: shares of 8 and 7 rows; the plain mean of the tasks' Θ
    // would differ from the synchronous update by (8 − 7)/15 of a step.
    Settings uneven = PLAIN_SGD.withOverride("batchSize=15", "test");
    List<SampleRow> data = FitRuns.xor(400);
    TrainingResult step = fit(uneven, data);
    TrainingResult local = fit(uneven.withOverride("sync=local:1", "test"), data);
    double difference = maxDifference(step.theta(), local.theta());
    System.out.println("local:1 vs step, uneven shares, max |dtheta| = " + difference);
    assertTrue(difference <= 1e-5, "max |theta difference| " + difference);
  }

  @Test
  void localStepsAreDeterministicAndChangeTheAlgorithm() {
    List<SampleRow> data = FitRuns.xor(400);
    Settings four = PLAIN_SGD.withOverride("sync=local:4", "test")
        .withOverride("optimizer=adam", "test").withOverride("stepSize=0.01", "test");
    TrainingResult a = fit(four, data);
    TrainingResult b = fit(four, data);
    assertNull(a.divergence());
    assertArrayEquals(a.theta(), b.theta());
    assertEquals(3 * 20, a.updates());
    TrainingResult step = fit(four.withOverride("sync=step", "test"), data);
    double difference = maxDifference(step.theta(), a.theta());
    System.out.println("local:4 vs step, adam, max |dtheta| = " + difference);
    assertTrue(difference > 1e-3, "local:4 trained as the synchronous loop: " + difference);
  }

  @Test
  void aBadKIsRefused() {
    for (String bad : List.of("local:0", "local:-2", "local:", "local:x", "local", "sometimes")) {
      SettingException e = assertThrows(SettingException.class,
          () -> JobConfig.from(PLAIN_SGD.withOverride("sync=" + bad, "test")), bad);
      assertEquals("sync", e.setting());
      assertEquals(bad, e.value());
    }
  }

  @Test
  void whatLocalStepsCannotTrainIsRefusedNamingTheSettings() {
    Settings local = PLAIN_SGD.withOverride("sync=local:4", "test");
    for (String other : List.of("optimizer=lbfgs;mode=batch;stepSize=auto", "mode=batch",
        "curriculum=true", "batchNorm=true")) {
      Settings settings = local;
      for (String assignment : other.split(";")) {
        settings = settings.withOverride(assignment, "test");
      }
      Settings refused = settings;
      // Refused where the job is typed, before any Spark work.
      SettingException e = assertThrows(SettingException.class, () -> JobConfig.from(refused),
          other);
      assertEquals("sync", e.setting(), other);
      assertEquals("local:4", e.value());
      String named = other.split("[=;]")[0];
      assertTrue(e.getMessage().contains(named), e.getMessage());
      JobConfig.from(refused.withOverride("sync=step", "test"));
    }
  }
}
