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

/** The job that scripts/train runs with no CONF: two spirals, on Spark, to at least 97%. */
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
  }
}
