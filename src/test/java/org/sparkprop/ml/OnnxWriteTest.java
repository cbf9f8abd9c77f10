package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.Loss;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.onnx.OnnxRuntimeScorer;

/**
 * {@code model.write().format("onnx").save(path)}: one ONNX file that ONNX Runtime scores as
 * the model's {@code predictProbability} and {@code predict}; the default format is still Spark
 * ML's layout.
 */
class OnnxWriteTest {

  private static final int ROWS = 20;
  private static final int INPUTS = 3;

  /** A network with batch norm and standardized inputs, its running statistics set. */
  private static Network network(String output, int outputs) {
    Architecture a = Architecture.plain(2).withStandardize(true)
        .withNormalization(1, Normalization.BATCH);
    Network net = new Network(new NetworkSpec(new int[] {INPUTS, 7, outputs},
        Activations.parse("prelu"), Activations.parse(output),
        Loss.parse(output.equals("softmax") ? "cross_entropy" : "squared"), a));
    float[] state = net.state().values();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < state.length; i++) {
      state[i] = (float) (0.3 + random.nextDouble());
    }
    net.state().load(state);
    return net;
  }

  private static float[] theta(Network net) {
    SplittableRandom random = new SplittableRandom(4);
    float[] theta = new float[net.parameterCount()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = (float) (random.nextDouble() - 0.5);
    }
    return theta;
  }

  private static float[] rows() {
    SplittableRandom random = new SplittableRandom(5);
    float[] x = new float[ROWS * INPUTS];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() * 4 - 2);
    }
    return x;
  }

  private static Vector row(float[] x, int n) {
    double[] v = new double[INPUTS];
    for (int j = 0; j < INPUTS; j++) {
      v[j] = x[n * INPUTS + j];
    }
    return Vectors.dense(v);
  }

  @Test
  void classifierWritesOnnxThatScoresAsPredictProbability(@TempDir Path dir) throws Exception {
    MlTestData.spark();
    Network net = network("softmax", 3);
    NeuralNetClassificationModel model = new NeuralNetClassificationModel("onnx-c", net,
        theta(net));
    Path file = dir.resolve("classifier.onnx");
    model.write().format("onnx").save(file.toUri().toString());
    assertTrue(Files.isRegularFile(file), "one file at the path");
    float[] x = rows();
    try (OnnxRuntimeScorer ort = new OnnxRuntimeScorer(Files.readAllBytes(file))) {
      OnnxRuntimeScorer.Scores s = ort.score(x, ROWS, INPUTS);
      for (int n = 0; n < ROWS; n++) {
        double[] p = model.predictProbability(row(x, n)).toArray();
        for (int c = 0; c < p.length; c++) {
          assertEquals(p[c], s.output()[n][c], 1e-5, "row " + n + " class " + c);
        }
        assertEquals(model.predict(row(x, n)), (double) s.classes()[n], "row " + n);
      }
    }
  }

  @Test
  void regressorWritesOnnxThatScoresAsPredict(@TempDir Path dir) throws Exception {
    MlTestData.spark();
    Network net = network("linear", 1);
    NeuralNetRegressionModel model = new NeuralNetRegressionModel("onnx-r", net, theta(net));
    Path file = dir.resolve("regressor.onnx");
    model.write().format("ONNX").save(file.toString());
    float[] x = rows();
    try (OnnxRuntimeScorer ort = new OnnxRuntimeScorer(Files.readAllBytes(file))) {
      OnnxRuntimeScorer.Scores s = ort.score(x, ROWS, INPUTS);
      for (int n = 0; n < ROWS; n++) {
        double expected = model.predict(row(x, n));
        assertEquals(expected, s.output()[n][0], 1e-5 * Math.max(1, Math.abs(expected)),
            "row " + n);
      }
    }
  }

  @Test
  void existingPathNeedsOverwriteAndTheDefaultIsSparkMlsLayout(@TempDir Path dir)
      throws Exception {
    MlTestData.spark();
    Network net = network("softmax", 3);
    NeuralNetClassificationModel model = new NeuralNetClassificationModel("onnx-o", net,
        theta(net));
    Path file = dir.resolve("model.onnx");
    Files.writeString(file, "old");
    assertThrows(java.io.IOException.class,
        () -> model.write().format("onnx").save(file.toString()));
    assertEquals("old", Files.readString(file));
    model.write().format("onnx").overwrite().save(file.toString());
    assertTrue(Files.size(file) > 100, "replaced by the model");

    Path ml = dir.resolve("ml");
    model.write().save(ml.toString());
    NeuralNetClassificationModel back = NeuralNetClassificationModel.load(ml.toString());
    assertEquals(model.predict(row(rows(), 0)), back.predict(row(rows(), 0)));
  }

  @Test
  void unknownFormatIsRefusedNamingTheFormats(@TempDir Path dir) {
    MlTestData.spark();
    Network net = network("softmax", 3);
    NeuralNetClassificationModel model = new NeuralNetClassificationModel("onnx-f", net,
        theta(net));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.write().format("pmml").save(dir.resolve("m").toString()));
    assertTrue(e.getMessage().contains("\"pmml\"") && e.getMessage().contains("onnx")
        && e.getMessage().contains("internal"), e.getMessage());
  }
}
