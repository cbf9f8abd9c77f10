package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;

/**
 * {@code data.format=text} end to end: a directory in the fortunes layout (one file per class,
 * records between lines holding only %), a seeded held-out test set, augmented training copies
 * with synonyms from a table, hashed term counts with IDF, a few epochs of training.
 */
class TextFormatRunTest {

  private static final List<String> CLASSES = List.of("cats", "code", "food");
  private static final String[][] WORDS = {
      {"cat", "purr", "whiskers", "kitten", "meow", "claws", "fur", "mouse"},
      {"compiler", "bug", "kernel", "program", "debug", "stack", "byte", "loop"},
      {"bread", "cheese", "soup", "spicy", "bake", "sugar", "dinner", "pasta"}};
  private static final String[] COMMON = {"the", "a", "is", "and", "of", "my", "very", "today"};

  /** {@code perClass} records a class, each some class words among common ones. */
  private static void write(Path dir, int perClass, long seed) throws Exception {
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(seed);
    for (int c = 0; c < CLASSES.size(); c++) {
      StringBuilder file = new StringBuilder();
      for (int r = 0; r < perClass; r++) {
        int n = 5 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
          String[] from = random.nextInt(3) == 0 ? COMMON : WORDS[c];
          file.append(from[random.nextInt(from.length)]).append(i % 4 == 3 ? "\n" : " ");
        }
        file.append("\n%\n");
      }
      Files.writeString(dir.resolve(CLASSES.get(c)), file.toString());
    }
  }

  private static int run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    if (code != 0) {
      System.err.println(out.toString(StandardCharsets.UTF_8));
    }
    return code;
  }

  @Test
  void aFortunesLayoutDirectoryTrainsAClassifier(@TempDir Path dir) throws Exception {
    LocalSpark.session();
    Path data = dir.resolve("records");
    write(data, 30, 3);
    Path synonyms = dir.resolve("synonyms.tsv");
    Files.writeString(synonyms, "cat\tkitty,puss\nbug\tdefect\nbread\tloaf\n");
    Path out = dir.resolve("run");
    assertEquals(0, run("--set", "data.format=text", "--set", "data.train=" + data,
        "--set", "data.testFraction=0.25", "--set", "data.text.features=128",
        "--set", "layers=128,16,3", "--set", "epochs=12", "--set", "batchSize=8",
        "--set", "stepSize=0.01", "--set", "partitions=2",
        "--set", "augment.text.copies=1", "--set", "augment.text.synonyms=" + synonyms,
        "--set", "augment.text.substitute=1", "--set", "augment.text.swap=1",
        "--out", out.toString()));
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    // Every class holds 30 records: ties in alphabetical order.
    assertEquals("[\"cats\",\"code\",\"food\"]", summary.path("class_names").toString());
    long train = summary.path("train_rows").asLong();
    long test = summary.path("test_rows").asLong();
    // Each training record comes with one copy; the test records with none.
    assertEquals(0, train % 2, summary.toString());
    assertEquals(90, train / 2 + test, summary.toString());
    assertTrue(test >= 10 && test <= 40, summary.toString());
    assertTrue(summary.path("test_accuracy").asDouble() >= 0.85, summary.toString());
  }
}
