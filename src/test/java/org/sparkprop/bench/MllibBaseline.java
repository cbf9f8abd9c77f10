package org.sparkprop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.data.RawData;

/**
 * The baseline: Spark MLlib's {@code MultilayerPerceptronClassifier} (l-bfgs, blockSize 128,
 * fixed seed) on the same arrays. MLlib exposes no per-iteration hook, so accuracy after k
 * iterations comes from a separate fit with {@code maxIter = k}; the fits are deterministic, so
 * each is a prefix of the next. The series stops after the first checkpoint that reaches the
 * highest accuracy target (larger fits would only repeat it).
 *
 * <p>The DataFrame is built from the same float arrays (features as dense {@code ml.linalg}
 * vectors, label as a double), checkpointed locally (see {@link #frame}), cached and counted
 * before any fit is timed.
 */
final class MllibBaseline {

  /** One fit. */
  record Checkpoint(int maxIter, int iterations, double fitSeconds, double testAccuracy) {}

  private MllibBaseline() {}

  /**
   * label (double) and features (ml.linalg dense vector), cached and counted; {@code sizes}
   * receives the bytes of the local checkpoint and of the cache.
   */
  static Dataset<Row> frame(SparkSession spark, RawData d, LongSupplier cachedBytes,
      long[] sizes) {
    StructType schema = new StructType(new StructField[] {
        new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())});
    List<Row> rows = new ArrayList<>(d.rows());
    int cols = d.columns();
    float[] f = d.features();
    for (int r = 0; r < d.rows(); r++) {
      double[] v = new double[cols];
      for (int j = 0; j < cols; j++) {
        v[j] = f[r * cols + j];
      }
      rows.add(RowFactory.create((double) d.labels()[r], Vectors.dense(v)));
    }
    // A DataFrame of driver-side rows keeps them in its lineage and ships them with every task
    // of every stage (190 MB here), even when cached; a local checkpoint cuts the lineage, so
    // that fits read the cache alone, as they would after reading files on the executors.
    long before = cachedBytes.getAsLong();
    Dataset<Row> checkpointed = spark.createDataFrame(rows, schema).localCheckpoint(true);
    long mid = cachedBytes.getAsLong();
    Dataset<Row> df = checkpointed.cache();
    df.count();
    sizes[0] = mid - before;
    sizes[1] = cachedBytes.getAsLong() - mid;
    return df;
  }

  /** The fits made, and the checkpoints skipped because they would have exceeded the budget. */
  record Series(List<Checkpoint> points, List<Integer> skipped, double budgetSeconds) {}

  /**
   * Fits with every maxIter of {@code checkpoints} (ascending) and measures test accuracy. Stops
   * after the first fit at or above {@code stopAt}, and skips the fits whose predicted time (the
   * last fit's seconds per iteration × maxIter) would take the total fit time past
   * {@code budgetSeconds} (the first fit always runs).
   */
  static Series run(Dataset<Row> train, RawData test, int[] layers, int[] checkpoints,
      double stopAt, double budgetSeconds) {
    List<Vector> testVectors = new ArrayList<>(test.rows());
    int cols = test.columns();
    for (int r = 0; r < test.rows(); r++) {
      double[] v = new double[cols];
      for (int j = 0; j < cols; j++) {
        v[j] = test.features()[r * cols + j];
      }
      testVectors.add(Vectors.dense(v));
    }
    List<Checkpoint> out = new ArrayList<>();
    List<Integer> skipped = new ArrayList<>();
    double spent = 0;
    for (int maxIter : checkpoints) {
      if (!out.isEmpty()) {
        Checkpoint last = out.get(out.size() - 1);
        double predicted = last.fitSeconds() / Math.max(1, last.iterations()) * maxIter;
        if (spent + predicted > budgetSeconds) {
          skipped.add(maxIter);
          System.err.printf(Locale.ROOT, "  mllib %s maxIter %d skipped: about %.0f s more would"
              + " exceed the budget of %.0f s%n", java.util.Arrays.toString(layers), maxIter,
              predicted, budgetSeconds);
          continue;
        }
      }
      MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
          .setLayers(layers)
          .setSolver("l-bfgs")
          .setBlockSize(128)
          .setSeed(1L)
          .setMaxIter(maxIter);
      long t0 = System.nanoTime();
      MultilayerPerceptronClassificationModel model = mlp.fit(train);
      double seconds = (System.nanoTime() - t0) / 1e9;
      spent += seconds;
      int correct = 0;
      for (int r = 0; r < testVectors.size(); r++) {
        if ((int) model.predict(testVectors.get(r)) == (int) test.labels()[r]) {
          correct++;
        }
      }
      double accuracy = (double) correct / test.rows();
      int iterations = model.summary().totalIterations();
      Checkpoint c = new Checkpoint(maxIter, iterations, seconds, accuracy);
      out.add(c);
      System.err.printf(Locale.ROOT, "  mllib %s maxIter %d: %d iterations, %.1f s, test accuracy %.4f%n",
          java.util.Arrays.toString(layers), maxIter, iterations, seconds, accuracy);
      if (accuracy >= stopAt || iterations < maxIter) {
        break; // reached the last target, or converged: larger fits repeat this one
      }
    }
    return new Series(out, skipped, budgetSeconds);
  }

  /** Per-model figures for bench.json. */
  static Map<String, Object> summary(Series series, long parameters, int rows) {
    List<Checkpoint> points = series.points();
    Map<String, Object> o = new LinkedHashMap<>();
    List<Map<String, Object>> list = new ArrayList<>();
    for (Checkpoint c : points) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("max_iter", c.maxIter());
      m.put("iterations", c.iterations());
      m.put("fit_seconds", c.fitSeconds());
      m.put("test_accuracy", c.testAccuracy());
      list.add(m);
    }
    Checkpoint last = points.get(points.size() - 1);
    double perIteration = last.fitSeconds() / Math.max(1, last.iterations());
    // The marginal cost of an iteration, without the fit's fixed setup, from the last two fits.
    Double marginal = null;
    if (points.size() >= 2) {
      Checkpoint prev = points.get(points.size() - 2);
      if (last.iterations() > prev.iterations()) {
        marginal = (last.fitSeconds() - prev.fitSeconds()) / (last.iterations() - prev.iterations());
      }
    }
    double samplesPerSecond = rows / perIteration;
    double flops = 6.0 * parameters * rows / perIteration;
    o.put("parameters", parameters);
    o.put("solver", "l-bfgs, blockSize 128, seed 1");
    o.put("seconds_per_iteration", perIteration);
    o.put("seconds_per_iteration_marginal", marginal);
    o.put("samples_per_second", samplesPerSecond);
    o.put("training_flops", flops);
    o.put("flops_note", "6 x parameters x training rows per L-BFGS iteration (a lower bound:"
        + " line-search iterations may evaluate the loss more than once)");
    o.put("iterations_to_85", iterationsTo(points, 0.85));
    o.put("seconds_to_85", secondsTo(points, 0.85));
    o.put("iterations_to_88", iterationsTo(points, 0.88));
    o.put("seconds_to_88", secondsTo(points, 0.88));
    o.put("seconds_to_note", "fit time of the smallest maxIter checkpoint that reached the"
        + " target (an upper bound: the crossing lies between two checkpoints); null when no fit"
        + " within the budget reached it");
    o.put("budget_seconds", points.stream().mapToDouble(Checkpoint::fitSeconds).max().orElse(0));
    o.put("budget_iterations", last.iterations());
    o.put("fit_seconds_total", points.stream().mapToDouble(Checkpoint::fitSeconds).sum());
    o.put("fit_budget_seconds", series.budgetSeconds());
    o.put("skipped_checkpoints", series.skipped());
    o.put("test_accuracy", last.testAccuracy());
    o.put("checkpoints", list);
    return o;
  }

  static Double secondsTo(List<Checkpoint> points, double target) {
    for (Checkpoint c : points) {
      if (c.testAccuracy() >= target) {
        return c.fitSeconds();
      }
    }
    return null;
  }

  static Integer iterationsTo(List<Checkpoint> points, double target) {
    for (Checkpoint c : points) {
      if (c.testAccuracy() >= target) {
        return c.iterations();
      }
    }
    return null;
  }
}
