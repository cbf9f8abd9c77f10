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
 * The job that scripts/train runs with no CONF: two spirals, on Spark, to at least 90%.
 *
 * <p>The threshold carries a measured margin: scripts/accuracy-margins 'default|' with seeds 1 to 5
 * under OPENBLAS_CORETYPE=Haswell, SkylakeX and Prescott gave 0.990 for seed 1 under all three
 * (this test's seed) and 0.988 to 0.994 in 14 of the 15 runs; one run (seed 5, Haswell) stopped at
 * 0.926, so another machine's rounding may land there too: 0.90 leaves 0.026 below the worst.
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
    assertTrue(accuracy >= 0.90, "test accuracy " + accuracy);
    assertEquals("epochs", summary.path("stop_reason").asText());
  }
}
