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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;

/**
 * Text class labels keep the training set's meaning everywhere: the training set indexes them
 * (most frequent first), the test set and later evaluations use that index, not their own, and
 * the model keeps it. The test set here has the other class as its most frequent one, so an index
 * of its own would swap the classes.
 */
class TextLabelsTest {

  private static void write(Path file, int dogs, int cats, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder("x0,x1,animal\n");
    for (int i = 0; i < dogs + cats; i++) {
      boolean dog = i < dogs;
      double x0 = (dog ? 1.5 : -1.5) + random.nextGaussian() * 0.5;
      csv.append(x0).append(',').append(random.nextGaussian()).append(',')
          .append(dog ? "dog" : "cat").append('\n');
    }
    Files.writeString(file, csv.toString());
  }

  private static int run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void theTrainingSetsClassNamesIndexTestAndEvaluation(@TempDir Path dir) throws Exception {
    LocalSpark.session();
    Path train = dir.resolve("train.csv");
    Path test = dir.resolve("test.csv");
    write(train, 300, 100, 1);
    write(test, 30, 90, 2);
    String[] data = {"--set", "data.format=csv", "--set", "data.header=true",
        "--set", "data.labelColumn=2", "--set", "layers=2,8,2", "--set", "epochs=10"};
    Path out = dir.resolve("run");
    String[] trainArgs = java.util.stream.Stream.concat(java.util.Arrays.stream(data),
        java.util.stream.Stream.of("--set", "data.train=" + train, "--set", "data.test=" + test,
            "--out", out.toString())).toArray(String[]::new);
    assertEquals(0, run(trainArgs));
    ObjectMapper json = new ObjectMapper();
    JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
    assertEquals("[\"dog\",\"cat\"]", summary.path("class_names").toString());
    assertTrue(summary.path("test_accuracy").asDouble() > 0.9, summary.toString());
    JsonNode model = json.readTree(out.resolve("model/model.json").toFile());
    assertEquals("[\"dog\",\"cat\"]", model.path("classNames").toString());

    Path report = dir.resolve("eval.json");
    String[] evalArgs = java.util.stream.Stream.concat(
        java.util.stream.Stream.of("evaluate", out.resolve("model").toString()),
        java.util.stream.Stream.concat(java.util.Arrays.stream(data), java.util.stream.Stream.of(
            "--set", "data.test=" + test, "--out", report.toString()))).toArray(String[]::new);
    assertEquals(0, run(evalArgs));
    JsonNode figures = json.readTree(report.toFile());
    assertTrue(figures.path("accuracy").asDouble() > 0.9, figures.toString());
    // Class 0 is "dog": 30 of the test rows.
    assertEquals(30, figures.path("per_class").path("0").path("support").asInt());
  }
}
