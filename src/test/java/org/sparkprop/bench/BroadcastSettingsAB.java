package org.sparkprop.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.spark.SessionDefaults;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Samples;

/**
 * Spark's broadcast settings against sparkprop's ({@link SessionDefaults}), side by side in one
 * JVM: {@code scripts/bench --main BroadcastSettingsAB [EPOCHS] [BATCH]}. Epochs of
 * 784-256-128-10 gradient calls alternate between the two, so that the machine's load drifts
 * over both alike; prints the median epoch of each. Spark reads these settings from the live
 * {@code SparkEnv} conf whenever it creates a broadcast (Θ's and each job's task binary), which
 * is what lets one session switch between them.
 */
public final class BroadcastSettingsAB {

  private static final Map<String, String> SPARK_DEFAULTS = Map.of(
      "spark.broadcast.compress", "true",
      "spark.broadcast.checksum", "true",
      "spark.broadcast.blockSize", "4m");

  private BroadcastSettingsAB() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(System.getProperty("bench.root", "."), "data", "fashion-mnist");
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    SparkSession spark = LocalSession.start(new SparkConf(), "sparkprop-broadcast-ab");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Samples train = FashionData.load(data).train();
    BenchModel model = BenchModel.create();
    float[] theta = model.theta();
    String[] names = {"Spark's defaults " + SPARK_DEFAULTS,
        "sparkprop's SessionDefaults " + SessionDefaults.SETTINGS};
    double[][] seconds = new double[2][epochs];
    int updates;
    try (SparkGradientSource source = model.source(sc, train, batch)) {
      updates = source.plan().iterations(train.rows());
      for (int epoch = -2; epoch < epochs; epoch++) {
        for (int v = 0; v < 2; v++) {
          (v == 0 ? SPARK_DEFAULTS : SessionDefaults.SETTINGS)
              .forEach((k, value) -> SparkEnv.get().conf().set(k, value));
          long t0 = System.nanoTime();
          for (int i = 0; i < updates; i++) {
            GradientSum g = source.gradient(theta, Math.max(epoch, 0), i);
            float[] d = g.gradient(theta.length);
            // A tiny step, so that every update broadcasts a new Θ as training does.
            for (int k = 0; k < theta.length; k++) {
              theta[k] -= 1e-7f * d[k];
            }
          }
          if (epoch >= 0) {
            seconds[v][epoch] = (System.nanoTime() - t0) / 1e9;
          }
        }
      }
    }
    for (int v = 0; v < 2; v++) {
      double median = Median.of(seconds[v]);
      System.out.printf(Locale.ROOT, "%s: median epoch %.3f s, %.2f ms per update (%d epochs of"
          + " %d updates at batch %d)%n", names[v], median, median * 1000 / updates, epochs,
          updates, batch);
    }
    spark.stop();
  }
}
