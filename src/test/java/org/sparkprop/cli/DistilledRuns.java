package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the distillation runs on the command line read back from a run's output directory. */
final class DistilledRuns {

  private DistilledRuns() {}

  /** The trained weights of the run in {@code run}, as the model file holds them. */
  static byte[] theta(Path run) throws IOException {
    return Files.readAllBytes(run.resolve("model").resolve("theta.bin"));
  }

  /**
   * Checks that the run in {@code run} trained {@code epochs} epochs and that its distillation
   * loss fell from the first epoch to the last.
   */
  static void assertLossFalls(Path run, int epochs) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    ObjectMapper json = new ObjectMapper();
    double first = json.readTree(lines.get(0)).path("loss").asDouble();
    double last = json.readTree(lines.get(lines.size() - 1)).path("loss").asDouble();
    assertEquals(epochs, lines.size());
    assertTrue(last < first, "distillation loss " + first + " then " + last);
  }

  /**
   * Checks that the run that gave {@code o} was refused as a usage error (status 2), its message
   * naming each of {@code named}, before it wrote any output into {@code out}.
   */
  static void assertRefusedBeforeAnyOutput(MainOutcome o, Path out, String... named) {
    assertEquals(2, o.status(), o.out() + o.err());
    for (String n : named) {
      assertTrue(o.err().contains(n), o.err());
    }
    assertFalse(Files.exists(out.resolve("summary.json")));
  }
}
