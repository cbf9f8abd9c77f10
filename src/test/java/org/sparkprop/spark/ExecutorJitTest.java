package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.sparkprop.train.Settings;

class ExecutorJitTest {

  private static Settings with(String... assignments) {
    Settings s = Settings.defaults();
    for (String a : assignments) {
      s = s.withOverride(a, "test");
    }
    return s;
  }

  @Test
  void autoTakesC1ForASmallJobWhoseSizeIsKnownAndTieredOtherwise() {
    assertEquals(ExecutorJit.C1, ExecutorJit.choose("auto", 1.9e8));
    assertEquals(ExecutorJit.C1, ExecutorJit.choose(" AUTO ", ExecutorJit.SMALL_JOB));
    assertEquals(ExecutorJit.TIERED, ExecutorJit.choose("auto", 1.0001 * ExecutorJit.SMALL_JOB));
    assertEquals(ExecutorJit.TIERED, ExecutorJit.choose("auto", -1));
    assertEquals(ExecutorJit.TIERED, ExecutorJit.choose("tiered", 1));
    assertEquals(ExecutorJit.C1, ExecutorJit.choose("c1", 1e15));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExecutorJit.choose("c2", 1));
    assertTrue(e.getMessage().contains("'c2'") && e.getMessage().contains("auto, tiered or c1"),
        e.getMessage());
  }

  @Test
  void aJobsSizeIsEpochsTimesSamplesTimesItsLayersParameters() {
    // The default: 25 epochs x 2000 samples x (3*48 + 49*48*2 + 49*2 = 4946) = 2.5e8.
    assertEquals(ExecutorJit.C1, ExecutorJit.forJob(Settings.defaults()));
    // 1011 epochs: 1.00003e10; 1010: 0.99904e10.
    assertEquals(ExecutorJit.TIERED, ExecutorJit.forJob(with("epochs=1011")));
    assertEquals(ExecutorJit.C1, ExecutorJit.forJob(with("epochs=1010")));
    // Files: their size is not known before Spark starts.
    assertEquals(ExecutorJit.TIERED, ExecutorJit.forJob(with("data.format=csv",
        "data.train=train.csv", "epochs=1")));
    assertEquals(ExecutorJit.C1, ExecutorJit.forJob(with("data.format=csv",
        "data.train=train.csv", "executorJit=c1")));
    assertEquals(ExecutorJit.TIERED, ExecutorJit.forJob(with("executorJit=tiered")));
  }

  @Test
  void c1IsAddedToTheExecutorsOptionsUnlessTheyChooseALevelThemselves() {
    SparkConf none = ExecutorJit.C1.applyTo(new SparkConf(false));
    assertEquals("-XX:TieredStopAtLevel=1", none.get(ExecutorJit.EXECUTOR_OPTIONS));
    assertTrue(ExecutorJit.c1In(none));
    SparkConf some = ExecutorJit.C1.applyTo(new SparkConf(false)
        .set(ExecutorJit.EXECUTOR_OPTIONS, "-Xss4m "));
    assertEquals("-Xss4m -XX:TieredStopAtLevel=1", some.get(ExecutorJit.EXECUTOR_OPTIONS));
    SparkConf own = ExecutorJit.C1.applyTo(new SparkConf(false)
        .set(ExecutorJit.EXECUTOR_OPTIONS, "-XX:TieredStopAtLevel=4"));
    assertEquals("-XX:TieredStopAtLevel=4", own.get(ExecutorJit.EXECUTOR_OPTIONS));
    assertFalse(ExecutorJit.c1In(own));
    SparkConf admin = ExecutorJit.C1.applyTo(new SparkConf(false)
        .set(ExecutorJit.EXECUTOR_DEFAULT_OPTIONS, "-XX:-TieredCompilation"));
    assertFalse(admin.contains(ExecutorJit.EXECUTOR_OPTIONS));
    SparkConf tiered = ExecutorJit.TIERED.applyTo(new SparkConf(false)
        .set(ExecutorJit.EXECUTOR_OPTIONS, "-Xss4m"));
    assertEquals("-Xss4m", tiered.get(ExecutorJit.EXECUTOR_OPTIONS));
  }
}
