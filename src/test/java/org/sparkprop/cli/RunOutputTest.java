package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.spark.NoRenameFileSystem;
import org.sparkprop.spark.OutputExistsException;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.Settings;

/** A run directory on the local file system and on one without rename. */
class RunOutputTest {

  private static EpochStats epoch(int e) {
    return new EpochStats(e, 10 * e, 1.0 / e, 0.5, Double.NaN, Double.NaN, 1000, e);
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void metricsCanBeFollowedWhileTheRunGoesOn(@TempDir Path dir) throws Exception {
    try (RunOutput out = new RunOutput(new org.apache.hadoop.fs.Path(dir.toUri()),
        new Configuration())) {
      out.epoch(epoch(1));
      out.epoch(epoch(2));
      // Flushed to the file system, not yet closed.
      List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
      assertEquals(2, lines.size());
      assertEquals(2, new ObjectMapper().readTree(lines.get(1)).path("epoch").asInt());
    }
  }

  @Test
  void aRunThatWroteNothingLeavesNoDirectory(@TempDir Path dir) throws Exception {
    Configuration hadoop = new Configuration();
    try (RunOutput out = new RunOutput(new org.apache.hadoop.fs.Path(
        dir.resolve("runs/refused").toUri()), hadoop)) {
      assertTrue(Files.exists(dir.resolve("runs/refused/metrics.jsonl")));
    }
    assertEquals(List.of(), names(dir.resolve("runs")));
    // A directory that was there before is left, without the empty metrics.jsonl.
    Files.createDirectories(dir.resolve("given"));
    new RunOutput(new org.apache.hadoop.fs.Path(dir.resolve("given").toUri()), hadoop).close();
    assertEquals(List.of(), names(dir.resolve("given")));
  }

  @Test
  void aRunDirectoryOnAStoreWithoutRename(@TempDir Path dir) throws Exception {
    Configuration hadoop = new Configuration();
    NoRenameFileSystem.register(hadoop);
    org.apache.hadoop.fs.Path run = new org.apache.hadoop.fs.Path(
        NoRenameFileSystem.uri(dir.resolve("run")));
    try (RunOutput out = new RunOutput(run, hadoop)) {
      assertEquals("norename", out.dir().toUri().getScheme());
      out.epoch(epoch(1));
      out.summary(Settings.defaults().withOverride("epochs=1", "--set"),
          Map.of("final_loss", 0.25));
    }
    assertEquals(List.of(HadoopOutput.MARKER, "metrics.jsonl", "summary.json"),
        names(dir.resolve("run")));
    assertEquals(0.25, new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile())
        .path("final_loss").asDouble(), 0.0);
    assertEquals(1, Files.readAllLines(dir.resolve("run/metrics.jsonl")).size());
    com.fasterxml.jackson.databind.JsonNode summary =
        new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
    assertEquals("1", summary.path("settings").path("epochs").asText());
    assertEquals("set", summary.path("settings_origin").path("epochs").asText());
    assertEquals("default", summary.path("settings_origin").path("layers").asText());

    String m = assertThrows(IllegalArgumentException.class,
        () -> RunOutput.checkNew(run, hadoop)).getMessage();
    assertTrue(m.contains("already holds summary.json"), m);
    try (RunOutput again = new RunOutput(run, hadoop)) {
      assertThrows(OutputExistsException.class,
          () -> again.summary(Settings.defaults().withOverride("epochs=2", "--set"),
              Map.of("final_loss", 0.5)));
    }
    assertEquals(0.25, new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile())
        .path("final_loss").asDouble(), 0.0);
  }
}
