package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkprop.cli.MainOutcome.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;

/** Checkpoints, exact resumption, divergence and outputs that are never half-written. */
class ReliabilityTest {

  private static List<String> job(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("--set", "data.train=xor", "--set",
        "data.samples=300", "--set", "layers=2,8,2", "--set", "optimizer=adam", "--set",
        "stepSize=0.02", "--set", "partitions=2", "--set", "inputNoise=0.05",
        "--set", "validationFraction=0.2", "--set", "patience=50",
        // A cosine's schedule spans the epochs asked for: resumed with more, it would differ.
        "--set", "schedule=constant", "--out", out.toString()));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
    LocalSpark.context();
    MainOutcome full = run(job(dir.resolve("full"), "--set", "epochs=6"));
    assertEquals(0, full.status(), full.err());

    String checkpoints = dir.resolve("ck").toString();
    MainOutcome first = run(job(dir.resolve("first"), "--set", "epochs=3",
        "--set", "checkpointDir=" + checkpoints, "--set", "checkpointKeep=2"));
    assertEquals(0, first.status(), first.err());
    MainOutcome resumed = run(job(dir.resolve("resumed"), "--set", "epochs=6",
        "--set", "checkpointDir=" + checkpoints, "--set", "checkpointKeep=2", "--resume"));
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("resuming after epoch 3"), resumed.out());
    assertTrue(!resumed.out().contains("epoch 3/6 ") && resumed.out().contains("epoch 4/6"),
        resumed.out());

    assertArrayEquals(ModelFile.read(dir.resolve("full/model")).theta(),
        ModelFile.read(dir.resolve("resumed/model")).theta());
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(dir.resolve("full/summary.json").toFile());
    JsonNode b = json.readTree(dir.resolve("resumed/summary.json").toFile());
    assertEquals(a.path("final_loss").asDouble(), b.path("final_loss").asDouble(), 0.0);
    assertEquals(6, b.path("epochs").asInt());
    assertEquals(6, Files.readAllLines(dir.resolve("resumed/metrics.jsonl")).size());
    // Both runs used the one directory of their settings (epochs may change), released after.
    Path own;
    try (Stream<Path> runs = Files.list(Path.of(checkpoints))) {
      List<Path> found = runs.toList();
      assertEquals(1, found.size(), found.toString());
      own = found.get(0);
    }
    assertTrue(own.getFileName().toString().matches("run-[0-9a-f]{16}"), own.toString());
    try (Stream<Path> kept = Files.list(own)) {
      List<String> names = kept.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("rdd")).sorted().toList();
      assertEquals(List.of("ckpt-000005", "ckpt-000006"), names);
    }
    // The packed training data was checkpointed by Spark: its lineage is cut.
    try (Stream<Path> rdd = Files.walk(own.resolve("rdd"))) {
      assertTrue(rdd.anyMatch(p -> p.getFileName().toString().startsWith("part-")),
          "no RDD checkpoint under " + own + "/rdd");
    }
  }

  @Test
  void aResumedBatchNormRunKeepsItsRunningStatistics(@TempDir Path dir) throws Exception {
    LocalSpark.context();
    String[] arch = {"--set", "layers=2,8,8,2", "--set", "batchNorm=true", "--set",
        "standardize=true"};
    List<String> full = job(dir.resolve("full"), "--set", "epochs=4");
    full.addAll(List.of(arch));
    assertEquals(0, run(full).status());
    String checkpoints = dir.resolve("ck").toString();
    List<String> first = job(dir.resolve("first"), "--set", "epochs=2",
        "--set", "checkpointDir=" + checkpoints);
    first.addAll(List.of(arch));
    assertEquals(0, run(first).status());
    List<String> resumed = job(dir.resolve("resumed"), "--set", "epochs=4",
        "--set", "checkpointDir=" + checkpoints, "--resume");
    resumed.addAll(List.of(arch));
    MainOutcome o = run(resumed);
    assertEquals(0, o.status(), o.err());
    ModelFile.Loaded a = ModelFile.read(dir.resolve("full/model"));
    ModelFile.Loaded b = ModelFile.read(dir.resolve("resumed/model"));
    assertArrayEquals(a.theta(), b.theta());
    assertArrayEquals(a.network().state().values(), b.network().state().values(),
        "running statistics");
  }

  @Test
  void resumingWithOtherSettingsIsRefusedNamingTheDifference(@TempDir Path dir) {
    LocalSpark.context();
    String checkpoints = dir.resolve("ck").toString();
    assertEquals(0, run(job(dir.resolve("a"), "--set", "epochs=2",
        "--set", "checkpointDir=" + checkpoints)).status());
    MainOutcome other = run(job(dir.resolve("b"), "--set", "epochs=4", "--set", "seed=7",
        "--set", "checkpointDir=" + checkpoints, "--resume"));
    assertEquals(2, other.status());
    assertTrue(other.err().contains("was made with seed=1, this run has seed=7"), other.err());
    assertFalse(Files.exists(dir.resolve("b")), "a refused run leaves no run directory");
    MainOutcome none = run(job(dir.resolve("c"), "--set", "epochs=4", "--set",
        "checkpointDir=" + dir.resolve("empty"), "--resume"));
    assertEquals(2, none.status());
    assertTrue(none.err().contains("no checkpoint in"), none.err());
    assertFalse(Files.exists(dir.resolve("c")), "a refused run leaves no run directory");
    MainOutcome noDir = run(job(dir.resolve("d"), "--resume"));
    assertEquals(2, noDir.status());
    assertTrue(noDir.err().contains("--resume needs the checkpointDir setting"), noDir.err());
  }

  @Test
  void divergenceStopsAtOnceExitsNonZeroAndWritesNoModel(@TempDir Path dir) throws Exception {
    LocalSpark.context();
    Path out = dir.resolve("run");
    MainOutcome o = run(List.of("--set", "data.train=sine", "--set", "layers=1,8,1",
        "--set", "output=linear", "--set", "optimizer=sgd", "--set", "stepSize=1e6",
        "--set", "epochs=50", "--set", "checkpointDir=" + dir.resolve("ck"),
        "--out", out.toString()));
    assertEquals(3, o.status(), o.err());
    assertTrue(o.err().contains("training diverged at epoch 1, iteration"), o.err());
    assertTrue(o.err().contains("lower stepSize") && o.err().contains("clipNorm"), o.err());
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals("diverged", summary.path("stop_reason").asText());
    assertFalse(Files.exists(out.resolve("model")), "no model from NaN weights");
  }

  @Test
  void anExistingOutputIsNeverOverwritten(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    Files.createDirectories(out.resolve("model"));
    MainOutcome o = run(List.of("--set", "epochs=1", "--out", out.toString()));
    assertEquals(2, o.status());
    assertTrue(o.err().contains("already holds model"), o.err());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(1, files.count(), "nothing written beside it");
    }
  }
}
