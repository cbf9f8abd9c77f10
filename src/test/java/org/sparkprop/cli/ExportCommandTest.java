package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkprop.cli.MainOutcome.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.BuildInfo;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.Softmax;
import org.sparkprop.onnx.OnnxRuntimeScorer;

/** {@code sparkprop export} and {@code sparkprop --version} through {@link Main#run}. */
class ExportCommandTest {

  private static final int ROWS = 16;

  /** A saved model with layer norm and standardized inputs, and its network and Θ. */
  private record Saved(Path dir, Network network, float[] theta) {}

  private static Saved save(Path dir) throws Exception {
    Architecture a = Architecture.plain(2).withStandardize(true)
        .withNormalization(1, Normalization.LAYER);
    Network net = new Network(new NetworkSpec(new int[] {3, 6, 4}, Activations.parse("tanh"),
        new Softmax(), new CrossEntropy(), a));
    SplittableRandom random = new SplittableRandom(5);
    float[] x = new float[200 * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() * 10 - 3);
    }
    net.fitStandardization(x, 0, 200);
    float[] theta = new float[net.parameterCount()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = (float) (random.nextDouble() - 0.5);
    }
    Path model = dir.resolve("model");
    ModelFile.write(model, net, theta);
    return new Saved(model, net, theta);
  }

  @Test
  void exportWritesAnOnnxFileThatScoresAsTheModel(@TempDir Path dir) throws Exception {
    Saved saved = save(dir);
    Path out = dir.resolve("out").resolve("model.onnx");
    MainOutcome o = run("export", saved.dir().toString(), "--format", "onnx", "--out",
        out.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("exported"), o.out());
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertEquals(List.of(out), files.toList(), "the file alone, nothing partial beside it");
    }
    float[] x = new float[ROWS * 3];
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() * 10 - 3);
    }
    Network net = saved.network();
    float[] expected = net.forward(saved.theta(), x, 0, ROWS, net.newWorkspace(ROWS)).clone();
    try (OnnxRuntimeScorer ort = new OnnxRuntimeScorer(Files.readAllBytes(out))) {
      float[][] got = ort.score(x, ROWS, 3).output();
      for (int n = 0; n < ROWS; n++) {
        float[] row = java.util.Arrays.copyOfRange(expected, n * 4, n * 4 + 4);
        assertArrayEquals(row, got[n], 1e-5f, "row " + n);
      }
    }
  }

  @Test
  void unknownFormatIsRefusedNamingTheValueAndTheFormats(@TempDir Path dir) throws Exception {
    Saved saved = save(dir);
    Path out = dir.resolve("model.pmml");
    MainOutcome o = run("export", saved.dir().toString(), "--format", "pmml", "--out",
        out.toString());
    assertEquals(2, o.status());
    assertTrue(o.err().contains("--format is 'pmml'") && o.err().contains("onnx"), o.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void anExistingOutputIsNeverOverwritten(@TempDir Path dir) throws Exception {
    Saved saved = save(dir);
    Path out = dir.resolve("model.onnx");
    Files.writeString(out, "keep");
    MainOutcome o = run("export", saved.dir().toString(), "--out", out.toString());
    assertEquals(2, o.status());
    assertTrue(o.err().contains("already exists"), o.err());
    assertEquals("keep", Files.readString(out));
  }

  @Test
  void missingOutOrModelIsAUsageError(@TempDir Path dir) throws Exception {
    Saved saved = save(dir);
    MainOutcome noOut = run("export", saved.dir().toString());
    assertEquals(2, noOut.status());
    assertTrue(noOut.err().contains("needs --out"), noOut.err());
    MainOutcome noModel = run("export", "--out", dir.resolve("x.onnx").toString());
    assertEquals(2, noModel.status());
    assertTrue(noModel.err().contains("needs a model directory"), noModel.err());
    MainOutcome notAModel = run("export", dir.toString(), "--out",
        dir.resolve("y.onnx").toString());
    assertEquals(2, notAModel.status());
    assertTrue(notAModel.err().contains("not a sparkprop model"), notAModel.err());
    assertFalse(Files.exists(dir.resolve("y.onnx")));
  }

  @Test
  void versionNamesTheBuildSparkAndBlas() throws Exception {
    MainOutcome o = run("--version");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().startsWith("sparkprop " + BuildInfo.version() + "\n"), o.out());
    assertFalse(BuildInfo.version().contains("${"), "the build filled in the version");
    assertTrue(o.out().contains("built for Spark " + BuildInfo.sparkVersion()), o.out());
    // The Spark on the test classpath is the one the pom builds against.
    Class<?> spark = Class.forName("org.apache.spark.package$");
    Object module = spark.getField("MODULE$").get(null);
    assertEquals(spark.getMethod("SPARK_VERSION").invoke(module), BuildInfo.sparkVersion());
    assertTrue(o.out().contains("BLAS " + org.sparkprop.tensor.Blas.implementation()), o.out());
  }
}
