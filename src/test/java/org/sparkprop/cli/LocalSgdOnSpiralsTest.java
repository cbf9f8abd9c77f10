package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;

/**
 * The former default spirals job ({@link MomentumSpirals}) with local SGD, four steps per task
 * between averages, on Spark.
 *
 * <p>The threshold carries a measured margin: the same job through the command line (partitions
 * 2, seeds 1 to 5, under OPENBLAS_CORETYPE=Haswell and Prescott) reached test accuracies 0.984,
 * 0.994, 0.994, 0.994 and 0.765 under both kernels: 0.984 for this test's seed 1, and 0.765 for
 * seed 5, also the synchronous default job's worst seed (0.926, DefaultJobTest). Another
 * machine's rounding may land on such a run too, so 0.74 leaves 0.025 below the worst run
 * (chance is 0.5).
 */
class LocalSgdOnSpiralsTest {

  @Test
  void fourLocalStepsLearnTheSpirals(@TempDir Path dir) throws Exception {
    LocalSpark.context();
    List<String> args = new ArrayList<>();
    for (String assignment : MomentumSpirals.ASSIGNMENTS) {
      args.addAll(List.of("--set", assignment));
    }
    args.addAll(List.of("--set", "partitions=2", "--set", "sync=local:4", "--out",
        dir.toString()));
    MainOutcome run = MainOutcome.run(args.toArray(String[]::new));
    assertEquals(0, run.status(), run.err());
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    double accuracy = summary.path("test_accuracy").asDouble();
    assertTrue(accuracy >= 0.74, "test accuracy " + accuracy);
    assertEquals("epochs", summary.path("stop_reason").asText());
    // 47 updates per epoch in rounds of 4: 12 rounds, the last of 3 updates.
    assertEquals(50 * 47, summary.path("updates").asLong());
  }
}
