package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.sparkprop.cli.MainOutcome.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.data.IdxFiles;
import org.sparkprop.spark.LocalSpark;

/**
 * The command line distils a teacher into a student from labeled IDX files plus an IDX images
 * file without a labels file ({@code distill.unlabeled}), end to end; and refuses rows without
 * labels that no teacher can label, or in a format they are not read from, before any output.
 */
class UnlabeledRunTest {

  private static final int ROWS = 4;
  private static final int COLS = 5;

  @TempDir static Path dir;
  private static Path teacher;
  private static Path labeled;
  private static Path unlabeled;
  private static Path test;

  /**
   * {@code count} images of two classes (a bright left or right half, with noise), and their
   * labels file when {@code withLabels}.
   */
  private static Path writeIdx(String name, int count, long seed, boolean withLabels)
      throws IOException {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * ROWS * COLS];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      int label = random.nextInt(2);
      labels[i] = (byte) label;
      for (int r = 0; r < ROWS; r++) {
        for (int c = 0; c < COLS; c++) {
          boolean lit = (c < COLS / 2) == (label == 0);
          pixels[(i * ROWS + r) * COLS + c] = (byte) ((lit ? 150 : 60) + random.nextInt(60));
        }
      }
    }
    Path images = dir.resolve(name + "-images-idx3-ubyte");
    Files.write(images, IdxFiles.idx(2051, new int[] {count, ROWS, COLS}, pixels));
    if (withLabels) {
      Files.write(dir.resolve(name + "-labels-idx1-ubyte"),
          IdxFiles.idx(2049, new int[] {count}, labels));
    }
    return images;
  }

  private static List<String> job(Path train, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("--set", "data.format=idx", "--set",
        "data.train=" + train, "--set", "data.test=" + test, "--set", "layers=20,4,2",
        "--set", "epochs=6", "--set", "batchSize=16", "--set", "partitions=2",
        "--set", "optimizer=adam", "--set", "stepSize=0.01", "--out", out.toString()));
    for (String e : extra) {
      args.add("--set");
      args.add(e);
    }
    return args;
  }

  @BeforeAll
  static void writeFilesAndTrainTheTeacher() throws IOException {
    LocalSpark.context();
    Path all = writeIdx("all", 200, 3, true);
    labeled = writeIdx("labeled", 24, 4, true);
    unlabeled = writeIdx("unlabeled", 150, 5, false);
    test = writeIdx("t10k", 100, 6, true);
    Path out = dir.resolve("teacher");
    MainOutcome o = run(job(all, out, "layers=20,16,2", "epochs=10"));
    assertEquals(0, o.status(), o.err());
    teacher = out.resolve("model");
  }

  private static JsonNode summary(Path run) throws IOException {
    return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
  }

  @Test
  void aStudentLearnsFromRowsWithoutLabels() throws IOException {
    Path withRows = dir.resolve("with-unlabeled");
    Path without = dir.resolve("labeled-only");
    MainOutcome a = run(job(labeled, withRows, "distill.teacher=" + teacher,
        "distill.unlabeled=" + unlabeled));
    assertEquals(0, a.status(), a.err());
    MainOutcome b = run(job(labeled, without, "distill.teacher=" + teacher));
    assertEquals(0, b.status(), b.err());
    // Every row is packed into the training shards: 24 labeled and 150 without labels.
    assertEquals(174, summary(withRows).path("train_rows").asInt());
    assertEquals(24, summary(without).path("train_rows").asInt());
    // The distillation loss falls from the first epoch to the last.
    DistilledRuns.assertLossFalls(withRows, 6);
    // The rows changed what was learned.
    assertFalse(Arrays.equals(DistilledRuns.theta(withRows), DistilledRuns.theta(without)));
    // The train-set accuracy is over the 24 labeled rows: a multiple of 1/24.
    double accuracy = summary(withRows).path("train_accuracy").asDouble();
    assertEquals(Math.round(accuracy * 24), accuracy * 24, 1e-9, "accuracy " + accuracy);
  }

  @Test
  void rowsWithoutLabelsNeedATeacher() {
    Path out = dir.resolve("no-teacher");
    MainOutcome o = run(job(labeled, out, "distill.unlabeled=" + unlabeled));
    DistilledRuns.assertRefusedBeforeAnyOutput(o, out,
        "setting distill.unlabeled is '" + unlabeled + "'", "distill.teacher is empty");
  }

  @Test
  void rowsWithoutLabelsAreReadFromIdxFilesOnly() {
    Path out = dir.resolve("csv");
    MainOutcome o = run(job(labeled, out, "data.format=csv", "distill.teacher=" + teacher,
        "distill.unlabeled=" + dir.resolve("extra.csv")));
    DistilledRuns.assertRefusedBeforeAnyOutput(o, out, "setting distill.unlabeled is",
        "data.format=csv");
  }
}
