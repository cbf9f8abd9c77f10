package org.sparkprop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkprop.cli.ModelFile;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.QuantizedForward;
import org.sparkprop.nn.QuantizedTheta;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.nn.Workspace;
import org.sparkprop.tensor.Blas;
import org.sparkprop.tensor.RowMajor;
import org.sparkprop.train.Samples;

/**
 * Scoring throughput of a saved model as float32, int8 and float16 on the Fashion-MNIST test
 * set, one thread, in chunks of 512 rows as prediction runs on an executor, with the test
 * accuracy of each and the bytes of Θ as stored:
 * <pre>
 *   scripts/bench --main QuantizedScoring MODEL [ROUNDS] [PASSES]
 * </pre>
 * Each round scores the test set PASSES times with each variant in turn (float32, int8,
 * float16, then the next round starts with another one), so that a loaded machine slows all
 * alike; reported are the median rows/s and the median of the per-round ratios to float32.
 */
public final class QuantizedScoring {

  static final int CHUNK_ROWS = 512;

  private QuantizedScoring() {}

  /** One way of scoring: the outputs of rows [off, off + n) of the test inputs. */
  private interface Scoring {
    float[] score(float[] x, int off, int n, Workspace ws);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: QuantizedScoring MODEL [ROUNDS] [PASSES]");
      System.exit(2);
    }
    Path modelDir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path root = Path.of(System.getProperty("bench.root", "."));
    FashionData data = FashionData.load(root.resolve("data/fashion-mnist"));
    ModelFile.Loaded loaded = ModelFile.read(modelDir);
    Network net = loaded.network();
    float[] theta = loaded.theta();
    Map<String, Scoring> variants = new LinkedHashMap<>();
    Map<String, Long> bytes = new LinkedHashMap<>();
    variants.put("float32", (x, off, n, ws) -> net.forward(theta, x, off, n, ws));
    bytes.put("float32", 4L * theta.length);
    for (QuantizedType type : QuantizedType.values()) {
      QuantizedTheta q = QuantizedTheta.of(net.layout(), theta, type);
      QuantizedForward f = new QuantizedForward(net, q);
      variants.put(type.label(), f::forward);
      bytes.put(type.label(), q.bytes());
    }
    Samples test = data.test();
    int rows = test.rows();
    int in = test.inputs();
    int c = test.outputs();
    Workspace ws = net.newWorkspace(CHUNK_ROWS);
    Map<String, Double> accuracy = new LinkedHashMap<>();
    for (Map.Entry<String, Scoring> v : variants.entrySet()) {
      int correct = 0;
      for (int from = 0; from < rows; from += CHUNK_ROWS) {
        int n = Math.min(CHUNK_ROWS, rows - from);
        float[] s = v.getValue().score(test.x(), from * in, n, ws);
        for (int r = 0; r < n; r++) {
          correct += RowMajor.argmax(s, r * c, c) == data.testRaw().label(from + r) ? 1 : 0;
        }
      }
      accuracy.put(v.getKey(), (double) correct / rows);
    }
    List<String> names = new ArrayList<>(variants.keySet());
    Map<String, double[]> rate = new LinkedHashMap<>();
    names.forEach(k -> rate.put(k, new double[rounds]));
    // warm-up: compile every path
    for (String k : names) {
      time(variants.get(k), test, ws, 2);
    }
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < names.size(); i++) {
        String k = names.get((round + i) % names.size());
        double seconds = time(variants.get(k), test, ws, passes);
        rate.get(k)[round] = passes * rows / seconds;
      }
    }
    System.out.printf(Locale.ROOT, "model %s (%s), BLAS %s, %d test rows, %d rounds of %d"
        + " passes, chunks of %d rows, one thread%n", modelDir, net.spec(), Blas.implementation(),
        rows, rounds, passes, CHUNK_ROWS);
    System.out.println("| weights | Θ bytes | size vs float32 | test accuracy | rows/s (median)"
        + " | throughput vs float32 (median of round ratios) |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (String k : names) {
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = rate.get(k)[r] / rate.get("float32")[r];
      }
      System.out.printf(Locale.ROOT, "| %s | %,d | %.2f× smaller | %.4f | %,.0f | %.2f |%n", k,
          bytes.get(k), (double) bytes.get("float32") / bytes.get(k), accuracy.get(k),
          Median.of(rate.get(k)), Median.of(ratios));
    }
    long dirBytes;
    try (var files = Files.walk(modelDir)) {
      dirBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf(Locale.ROOT, "model directory %s: %,d bytes%n", modelDir, dirBytes);
  }

  private static double time(Scoring scoring, Samples test, Workspace ws, int passes) {
    int rows = test.rows();
    int in = test.inputs();
    double sink = 0;
    long start = System.nanoTime();
    for (int p = 0; p < passes; p++) {
      for (int from = 0; from < rows; from += CHUNK_ROWS) {
        int n = Math.min(CHUNK_ROWS, rows - from);
        sink += scoring.score(test.x(), from * in, n, ws)[0];
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (Double.isNaN(sink)) {
      System.out.println("NaN output");
    }
    return seconds;
  }
}
