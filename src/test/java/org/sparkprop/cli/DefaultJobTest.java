package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;

/**
 * The job that scripts/train runs with no CONF: two spirals, on Spark, in mini-batches, to at least
 * 97%.
 *
 * <p>The threshold carries a measured margin: scripts/accuracy-margins 'default|' (the command
 * line's split and batches) with seeds 1 to 5 under OPENBLAS_CORETYPE=Haswell and Prescott gave
 * 0.992 to 0.996 in all 10 runs, 0.992 for seed 1 (this test's seed) under both; seeds 6 to 20
 * under Haswell gave 0.984 to 0.998 (2026-12-03). 0.97 leaves 0.022 below the worst seed-1 run
 * and 0.014 below the worst of the 20 seeds, for another machine's rounding.
 */
class DefaultJobTest {

  @Test
  void spiralsConfIsTheDefaultJob() {
    Settings file = Settings.defaults().withFile(Path.of("conf/spirals.conf"));
    assertEquals(JobConfig.from(Settings.defaults()), JobConfig.from(file));
  }

  @Test
  void defaultJobLearnsTheSpirals(@TempDir Path dir) throws Exception {
    LocalSpark.context();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--set", "partitions=2", "--out", dir.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    double accuracy = summary.path("test_accuracy").asDouble();
    assertTrue(accuracy >= 0.97, "test accuracy " + accuracy);
    assertEquals("epochs", summary.path("stop_reason").asText());
    int epochs = summary.path("epochs").asInt();
    int updates = summary.path("updates").asInt();
    assertTrue(updates > epochs, updates + " updates in " + epochs + " epochs: not mini-batches");
  }
}
