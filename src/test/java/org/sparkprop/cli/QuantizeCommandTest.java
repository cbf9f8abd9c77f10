package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkprop.cli.MainOutcome.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.QuantizedForward;
import org.sparkprop.nn.Softmax;
import org.sparkprop.onnx.OnnxRuntimeScorer;
import org.sparkprop.spark.LocalSpark;

/** {@code sparkprop quantize}, and evaluate, predict and export of its models, via Main. */
class QuantizeCommandTest {

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static Map<Long, double[]> outputs(Path parquet) {
    Map<Long, double[]> byRow = new HashMap<>();
    for (Row r : LocalSpark.session().read().parquet(parquet.toString()).collectAsList()) {
      List<Double> o = r.getList(r.fieldIndex("outputs"));
      byRow.put(r.getLong(r.fieldIndex("row")), o.stream().mapToDouble(d -> d).toArray());
    }
    return byRow;
  }

  @Test
  void anInt8ModelEvaluatesAndPredictsAsTheFloatModel(@TempDir Path dir) throws Exception {
    LocalSpark.context();
    Path run = dir.resolve("run");
    String[] data = {"--set", "data.train=xor", "--set", "data.samples=300"};
    assertEquals(0, run(concat(concat(new String[] {"--set", "layers=2,32,16,2", "--set",
        "epochs=10", "--out", run.toString()}, data), MomentumSpirals.trainingArgs())).status());
    Path model = run.resolve("model");
    Path quantized = dir.resolve("q8");
    MainOutcome q = run("quantize", model.toString(), "--out", quantized.toString());
    assertEquals(0, q.status(), q.err());
    assertTrue(q.out().contains("to int8"), q.out());

    JsonNode meta = new ObjectMapper().readTree(quantized.resolve("model.json").toFile());
    assertEquals("int8", meta.path("quantization").asText());
    assertEquals(ModelFile.FORMAT_VERSION, meta.path("formatVersion").asInt());
    assertFalse(Files.exists(quantized.resolve("theta.bin")));
    long floatBytes = Files.size(model.resolve("theta.bin"));
    long int8Bytes = Files.size(quantized.resolve(ModelFile.QUANTIZED_THETA));
    // 642 weights of one byte against 4, plus 50 float biases and 50 float scales
    assertTrue(int8Bytes < 0.45 * floatBytes, int8Bytes + " against " + floatBytes);

    ModelFile.Loaded original = ModelFile.read(model);
    ModelFile.Loaded back = ModelFile.read(quantized);
    assertNotNull(back.quantized());
    assertEquals(original.network().spec(), back.network().spec());
    float[] scales = back.quantized().scales();
    double worst = 0;
    for (int i = 0; i < original.theta().length; i++) {
      worst = Math.max(worst, Math.abs(original.theta()[i] - back.theta()[i]));
    }
    float maxScale = 0;
    for (float s : scales) {
      maxScale = Math.max(maxScale, s);
    }
    assertTrue(worst <= maxScale / 2 * (1 + 1e-6), worst + " > " + maxScale / 2);

    Path evalFloat = dir.resolve("float.json");
    Path evalInt8 = dir.resolve("int8.json");
    assertEquals(0, run(concat(new String[] {"evaluate", model.toString(), "--out",
        evalFloat.toString()}, data)).status());
    MainOutcome e = run(concat(new String[] {"evaluate", quantized.toString(), "--out",
        evalInt8.toString()}, data));
    assertEquals(0, e.status(), e.err());
    JsonNode f = new ObjectMapper().readTree(evalFloat.toFile());
    JsonNode i8 = new ObjectMapper().readTree(evalInt8.toFile());
    assertEquals("int8", i8.path("quantization").asText());
    assertEquals(300, i8.path("rows").asInt());
    assertTrue(f.path("accuracy").asDouble() > 0.9, f.toString());
    assertEquals(f.path("accuracy").asDouble(), i8.path("accuracy").asDouble(), 0.02,
        "int8 " + i8 + " float " + f);

    Path predFloat = dir.resolve("float.parquet");
    Path predInt8 = dir.resolve("int8.parquet");
    assertEquals(0, run(concat(new String[] {"predict", model.toString(), "--out",
        predFloat.toString()}, data)).status());
    assertEquals(0, run(concat(new String[] {"predict", quantized.toString(), "--out",
        predInt8.toString()}, data)).status());
    Map<Long, double[]> a = outputs(predFloat);
    Map<Long, double[]> b = outputs(predInt8);
    assertEquals(300, b.size());
    int same = 0;
    double largest = 0;
    for (Map.Entry<Long, double[]> row : a.entrySet()) {
      double[] x = row.getValue();
      double[] y = b.get(row.getKey());
      same += (x[1] >= x[0]) == (y[1] >= y[0]) ? 1 : 0;
      for (int c = 0; c < 2; c++) {
        largest = Math.max(largest, Math.abs(x[c] - y[c]));
      }
    }
    System.out.printf(java.util.Locale.ROOT, "quantize xor: same class on %d of 300 rows,"
        + " largest probability difference %.4f%n", same, largest);
    assertTrue(same >= 294, "same class on " + same + " of 300 rows");
    assertTrue(largest > 0 && largest < 0.1, "largest probability difference " + largest);
  }

  @Test
  void badArgumentsAreRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
    Network net = new Network(new NetworkSpec(new int[] {3, 4, 2}, Activations.parse("relu"),
        new Softmax(), new CrossEntropy()));
    Path model = dir.resolve("model");
    ModelFile.write(model, net, new float[net.parameterCount()]);
    Path out = dir.resolve("out");

    MainOutcome type = run("quantize", model.toString(), "--type", "int4", "--out",
        out.toString());
    assertEquals(2, type.status());
    assertTrue(type.err().contains("--type") && type.err().contains("'int4'")
        && type.err().contains("int8, float16"), type.err());
    MainOutcome noOut = run("quantize", model.toString());
    assertEquals(2, noOut.status());
    assertTrue(noOut.err().contains("--out"), noOut.err());
    MainOutcome notAModel = run("quantize", dir.resolve("nothing").toString(), "--out",
        out.toString());
    assertEquals(2, notAModel.status(), notAModel.err());
    assertFalse(Files.exists(out));

    assertEquals(0, run("quantize", model.toString(), "--out", out.toString(), "--type",
        "float16").status());
    MainOutcome again = run("quantize", model.toString(), "--out", out.toString());
    assertEquals(2, again.status());
    assertTrue(again.err().contains(out.toString()), again.err());
    MainOutcome twice = run("quantize", out.toString(), "--out", dir.resolve("q2").toString());
    assertEquals(2, twice.status());
    assertTrue(twice.err().contains("already quantized (float16)"), twice.err());
    assertFalse(Files.exists(dir.resolve("q2")));
  }

  @Test
  void anExportedQuantizedModelScoresAsItsQuantizedWeights(@TempDir Path dir) throws Exception {
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
    for (String type : new String[] {"int8", "float16"}) {
      Path quantized = dir.resolve(type);
      Path onnx = dir.resolve(type + ".onnx");
      assertEquals(0, run("quantize", model.toString(), "--type", type, "--out",
          quantized.toString()).status());
      MainOutcome o = run("export", quantized.toString(), "--out", onnx.toString());
      assertEquals(0, o.status(), o.err());
      ModelFile.Loaded loaded = ModelFile.read(quantized);
      int rows = 16;
      float[] expected = new QuantizedForward(loaded.network(), loaded.quantized())
          .forward(x, 0, rows, loaded.network().newWorkspace(rows));
      try (OnnxRuntimeScorer ort = new OnnxRuntimeScorer(Files.readAllBytes(onnx))) {
        float[][] got = ort.score(java.util.Arrays.copyOf(x, rows * 3), rows, 3).output();
        for (int n = 0; n < rows; n++) {
          for (int c = 0; c < 4; c++) {
            assertEquals(expected[n * 4 + c], got[n][c], 1e-5f, type + " row " + n);
          }
        }
      }
    }
  }

  /**
   * Reading a quantized model makes no float32 Θ: scoring reads the int8 weights, and the float
   * Θ is made only when asked for (export, a teacher), afresh on each call.
   */
  @Test
  void aQuantizedModelIsReadWithoutExpandingItToFloat(@TempDir Path dir) throws Exception {
    Network net = new Network(new NetworkSpec(new int[] {3, 6, 4}, Activations.parse("tanh"),
        new Softmax(), new CrossEntropy()));
    SplittableRandom random = new SplittableRandom(8);
    float[] theta = new float[net.parameterCount()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = (float) (random.nextDouble() - 0.5);
    }
    Path model = dir.resolve("model");
    ModelFile.write(model, net, theta);
    Path quantized = dir.resolve("int8");
    assertEquals(0, run("quantize", model.toString(), "--type", "int8", "--out",
        quantized.toString()).status());
    ModelFile.Loaded loaded = ModelFile.read(quantized);
    assertNotNull(loaded.quantized());
    float[] once = loaded.theta();
    float[] again = loaded.theta();
    assertTrue(once != again, "a quantized model keeps no float32 theta between calls");
    assertArrayEquals(loaded.quantized().dequantize(), once);
    assertThrows(IllegalArgumentException.class,
        () -> new ModelFile.Loaded(net, theta, java.util.List.of(), loaded.quantized()));
  }
}
