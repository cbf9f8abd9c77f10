package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark ML model whose Θ is mostly zeros (as after pruning) is saved without its zeros, in
 * format version 3, and loads bit for bit with the same predictions; a dense one keeps version 1.
 */
class SparseModelPersistenceTest {

  @TempDir Path dir;

  /** A 2-64-2 model whose weights are {@code theta} (maxIter 0 returns the initial weights). */
  private static NeuralNetClassificationModel model(Dataset<Row> data, double[] theta) {
    return new NeuralNetClassifier().setLayers(2, 64, 2).setOptimizer("adam").setMaxIter(0)
        .setInitialWeights(Vectors.dense(theta)).setSeed(1).fit(data);
  }

  private static double[] weights(int count, double keep, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] theta = new double[count];
    for (int i = 0; i < count; i++) {
      theta[i] = random.nextDouble() < keep ? 2 * random.nextDouble() - 1 : 0;
    }
    return theta;
  }

  private static long bytes(Path data) throws IOException {
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static String metadata(Path model) throws IOException {
    try (Stream<Path> files = Files.list(model.resolve("metadata"))) {
      Path part = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst()
          .orElseThrow();
      return Files.readString(part);
    }
  }

  @Test
  void aMostlyZeroThetaIsSavedSparseAndLoadsBitForBit() throws IOException {
    Dataset<Row> xor = MlTestData.xor(60, 3);
    int count = 2 * 64 + 64 + 64 * 2 + 2;
    NeuralNetClassificationModel pruned = model(xor, weights(count, 0.1, 5));
    NeuralNetClassificationModel dense = model(xor, weights(count, 1.0, 5));
    Path prunedDir = dir.resolve("pruned");
    Path denseDir = dir.resolve("dense");
    pruned.save(prunedDir.toString());
    dense.save(denseDir.toString());

    assertTrue(metadata(prunedDir).contains("\"sparkpropFormatVersion\":3"), metadata(prunedDir));
    assertTrue(metadata(prunedDir).contains("\"theta\":\"sparse\""));
    assertTrue(metadata(denseDir).contains("\"sparkpropFormatVersion\":1"), metadata(denseDir));
    long sparseBytes = bytes(prunedDir.resolve("data"));
    long denseBytes = bytes(denseDir.resolve("data"));
    assertTrue(sparseBytes < denseBytes, sparseBytes + " bytes sparse, " + denseBytes + " dense");

    NeuralNetClassificationModel loaded = NeuralNetClassificationModel.load(prunedDir.toString());
    assertArrayEquals(pruned.theta(), loaded.theta());
    List<Row> before = pruned.transform(xor).select("probability").collectAsList();
    List<Row> after = loaded.transform(xor).select("probability").collectAsList();
    assertEquals(before, after);
  }
}
