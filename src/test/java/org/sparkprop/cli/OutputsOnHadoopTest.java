package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkprop.cli.MainOutcome.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.spark.NoRenameFileSystem;

/** The command line's outputs, checkpoints and models on a store without rename. */
class OutputsOnHadoopTest {

  private static List<String> train(String out, String checkpoints, String... more) {
    List<String> args = new ArrayList<>(List.of("--set", "data.train=xor", "--set",
        "data.samples=200", "--set", "layers=2,8,2", "--set", "optimizer=adam", "--set",
        "partitions=2", "--set", "stepSize=auto", "--set", "schedule=constant", "--set",
        "checkpointDir=" + checkpoints, "--out", out));
    args.addAll(List.of(more));
    return args;
  }

  /** The shared session's Hadoop configuration, with norename:// declared a store without rename. */
  private static Configuration hadoop() {
    Configuration hadoop = LocalSpark.context().hadoopConfiguration();
    NoRenameFileSystem.register(hadoop);
    hadoop.set(HadoopOutput.NO_RENAME_SCHEMES, NoRenameFileSystem.SCHEME);
    return hadoop;
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aRunItsCheckpointsAndItsModelOnAStoreWithoutRename(@TempDir Path dir) throws Exception {
    Configuration hadoop = hadoop();
    String ck = NoRenameFileSystem.uri(dir.resolve("ck"));
    MainOutcome first = run(train(NoRenameFileSystem.uri(dir.resolve("run")), ck, "--set",
        "epochs=3"));
    assertEquals(0, first.status(), first.err());
    assertEquals(List.of(HadoopOutput.MARKER, "metrics.jsonl", "model", "report-data.json",
        "report.html", "summary.json"),
        names(dir.resolve("run")));
    assertEquals(3, Files.readAllLines(dir.resolve("run/metrics.jsonl")).size());
    assertEquals(3, new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile())
        .path("epochs").asInt());
    assertTrue(Files.exists(dir.resolve("run/model").resolve(HadoopOutput.MARKER)));
    org.apache.hadoop.fs.Path model = new org.apache.hadoop.fs.Path(
        NoRenameFileSystem.uri(dir.resolve("run/model")));
    assertEquals(2 * 8 + 8 + 8 * 2 + 2, ModelFile.read(model, hadoop).theta().length);

    // Checkpoints in the run's own directory, each complete; no RDD checkpoints on this store.
    List<String> runs = names(dir.resolve("ck"));
    assertEquals(1, runs.size(), runs.toString());
    Path own = dir.resolve("ck").resolve(runs.get(0));
    assertEquals(List.of("ckpt-000001", "ckpt-000002", "ckpt-000003"), names(own));
    assertTrue(Files.exists(own.resolve("ckpt-000003").resolve(HadoopOutput.MARKER)));

    MainOutcome resumed = run(train(NoRenameFileSystem.uri(dir.resolve("resumed")), ck, "--set",
        "epochs=5", "--resume"));
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("resuming after epoch 3"), resumed.out());
    assertEquals(5, Files.readAllLines(dir.resolve("resumed/metrics.jsonl")).size());

    MainOutcome again = run(train(NoRenameFileSystem.uri(dir.resolve("run")), ck, "--set",
        "epochs=3"));
    assertEquals(2, again.status());
    assertTrue(again.err().contains("already holds model"), again.err());

    String eval = NoRenameFileSystem.uri(dir.resolve("eval.json"));
    List<String> evaluate = List.of("evaluate", model.toString(), "--set", "data.train=xor",
        "--set", "data.samples=200", "--out", eval);
    MainOutcome e = run(evaluate);
    assertEquals(0, e.status(), e.err());
    assertEquals(200, new ObjectMapper().readTree(dir.resolve("eval.json").toFile())
        .path("rows").asInt());
    MainOutcome twice = run(evaluate);
    assertEquals(2, twice.status());
    assertTrue(twice.err().contains("an evaluation is never overwritten"), twice.err());

    // A model whose writing never finished is refused by name.
    Files.delete(dir.resolve("run/model").resolve(HadoopOutput.MARKER));
    MainOutcome incomplete = run(List.of("evaluate", model.toString(), "--set", "data.train=xor"));
    assertEquals(2, incomplete.status());
    assertTrue(incomplete.err().contains("is an incomplete sparkprop model"), incomplete.err());
  }
}
