package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Linear;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.SquaredError;

/** {@code model.quantize(type)}: transform, save and load of quantized Spark ML models. */
class QuantizedModelTest {

  @TempDir
  static Path dir;

  private static Dataset<Row> test;
  private static NeuralNetClassificationModel model;

  @BeforeAll
  static void fit() {
    test = MlTestData.xor(200, 2);
    model = MlTestData.xorClassifier().setPredictionCol("guess").setLayers(2, 32, 2)
        .fit(MlTestData.xor(300, 1));
  }

  private static List<Row> scores(Dataset<Row> data) {
    return data.select("rawPrediction", "probability", "guess").collectAsList();
  }

  @Test
  void anInt8ClassifierPredictsAsTheFloatOneAndRoundTrips() throws IOException {
    NeuralNetClassificationModel q = model.quantize("int8");
    assertEquals("int8", q.quantization());
    assertEquals("", model.quantization());
    assertEquals(model.uid(), q.uid());
    assertEquals("guess", q.getPredictionCol());
    List<Row> exact = scores(model.transform(test));
    List<Row> quantized = scores(q.transform(test));
    int same = 0;
    double largest = 0;
    for (int i = 0; i < exact.size(); i++) {
      same += exact.get(i).getDouble(2) == quantized.get(i).getDouble(2) ? 1 : 0;
      Vector p = exact.get(i).getAs(1);
      Vector r = quantized.get(i).getAs(1);
      for (int c = 0; c < 2; c++) {
        largest = Math.max(largest, Math.abs(p.apply(c) - r.apply(c)));
      }
    }
    double accuracy = model.transform(test)
        .selectExpr("avg(cast(guess = label as double))").first().getDouble(0);
    System.out.printf(java.util.Locale.ROOT, "quantized xor model: float32 accuracy %.3f, same"
        + " class on %d of 200 rows, largest probability difference %.4f%n", accuracy, same,
        largest);
    assertTrue(accuracy > 0.8, "float32 accuracy " + accuracy);
    assertTrue(same >= 196, "same class on " + same + " of 200 rows");
    assertTrue(largest > 0 && largest < 0.1, "largest probability difference " + largest);
    // predict(Vector) runs the same quantized pass as transform
    Row first = test.first();
    assertEquals(quantized.get(0).getDouble(2), q.predict(first.getAs("features")));

    String path = dir.resolve("int8").toString();
    q.write().save(path);
    NeuralNetClassificationModel loaded = NeuralNetClassificationModel.load(path);
    assertEquals("int8", loaded.quantization());
    assertEquals(q.uid(), loaded.uid());
    assertArrayEquals(q.theta(), loaded.theta());
    assertEquals(quantized, scores(loaded.transform(test)));
    assertEquals(quantized, scores(loaded.copy(org.apache.spark.ml.param.ParamMap.empty())
        .transform(test)));
    String metadata;
    try (Stream<Path> files = Files.list(dir.resolve("int8").resolve("metadata"))) {
      metadata = Files.readString(files.filter(f -> f.getFileName().toString()
          .startsWith("part-")).findFirst().orElseThrow());
    }
    assertTrue(metadata.contains("\"sparkpropFormatVersion\":2")
        && metadata.contains("\"quantization\":\"int8\""), metadata);
    Row data = MlTestData.spark().read().parquet(path + "/data").first();
    // 2·32 + 32·2 = 128 one-byte weights, 34 scales and 34 biases of 4 bytes, 3 counts
    assertEquals(128 + 4 * 34 + 4 * 34 + 12, ((byte[]) data.get(data.fieldIndex("quantized")))
        .length);
  }

  @Test
  void badTypesAndRequantizingAreRefused() {
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> model.quantize("int4"));
    assertTrue(type.getMessage().contains("'int4'") && type.getMessage().contains("int8, float16"),
        type.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> model.quantize("float16").quantize("int8"));
    assertTrue(twice.getMessage().contains("already quantized (float16)"), twice.getMessage());
  }

  @Test
  void aFloat16RegressionModelRoundTrips() throws IOException {
    NetworkSpec spec = new NetworkSpec(new int[] {2, 12, 1}, Activations.parse("tanh"),
        new Linear(), new SquaredError());
    SplittableRandom random = new SplittableRandom(3);
    float[] theta = new float[49];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = (float) (random.nextDouble() - 0.5);
    }
    NeuralNetRegressionModel regression = new NeuralNetRegressionModel("r", spec, theta);
    NeuralNetRegressionModel q = regression.quantize("float16");
    List<Row> exact = regression.transform(test).select("prediction").collectAsList();
    List<Row> half = q.transform(test).select("prediction").collectAsList();
    for (int i = 0; i < exact.size(); i++) {
      assertEquals(exact.get(i).getDouble(0), half.get(i).getDouble(0), 5e-3, "row " + i);
    }
    String path = dir.resolve("float16").toString();
    q.save(path);
    NeuralNetRegressionModel loaded = NeuralNetRegressionModel.load(path);
    assertEquals("float16", loaded.quantization());
    assertEquals(half, loaded.transform(test).select("prediction").collectAsList());
  }
}
