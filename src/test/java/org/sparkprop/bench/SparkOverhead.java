package org.sparkprop.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.optim.OptimizerState;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.spark.UpdateSteps;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Samples;

/**
 * Spark's cost per update, apart from the arithmetic: the time of one
 * {@link SparkGradientSource#gradient} call whose batch is tiny (one row per partition, at least
 * 2), minus the same call on an {@link InMemoryGradientSource} (the compute of those rows,
 * including allocating the gradient sums), for every tree depth and partition count asked; and a
 * breakdown of where the time goes (an empty job, a broadcast, a gradient-sized result).
 */
final class SparkOverhead {

  private SparkOverhead() {}

  /** Milliseconds of each of {@code n} calls of {@code op} after {@code warmup} calls. */
  static double[] time(int warmup, int n, Op op) throws Exception {
    for (int i = 0; i < warmup; i++) {
      op.run(i);
    }
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      op.run(warmup + i);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return ms;
  }

  @FunctionalInterface
  interface Op {
    void run(int i) throws Exception;
  }

  static Map<String, Object> stats(double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("mean_ms", Arrays.stream(s).average().orElse(Double.NaN));
    o.put("median_ms", s[s.length / 2]);
    o.put("p10_ms", s[(int) (s.length * 0.1)]);
    o.put("p90_ms", s[Math.min(s.length - 1, (int) (s.length * 0.9))]);
    o.put("n", s.length);
    return o;
  }

  static double mean(double[] ms) {
    return Arrays.stream(ms).average().orElse(Double.NaN);
  }

  /** The grid of (partitions, treeDepth) for the network of {@code config}. */
  static Map<String, Object> grid(JavaSparkContext sc, JobConfig config, Samples samples,
      int[] partitionCounts, int[] depths, int warmup, int n, boolean verbose) throws Exception {
    Network network = new Network(config.network());
    float[] theta = Initializer.initialTheta(network, config.init(), config.seed());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int p : partitionCounts) {
      BatchPlan plan = new BatchPlan(p, Math.max(2, p), config.seed());
      int iterations = plan.iterations(samples.rows());
      double[] local;
      try (InMemoryGradientSource mem = new InMemoryGradientSource(network, samples, plan)) {
        local = time(warmup, n, i -> mem.gradient(theta, 0, i % iterations));
      }
      for (int d : depths) {
        double[] spark;
        try (SparkGradientSource source = new SparkGradientSource(sc, network, samples, plan, d)) {
          spark = time(warmup, n, i -> source.gradient(theta, 0, i % iterations));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("partitions", p);
        row.put("tree_depth", d);
        row.put("batch_rows", plan.batchSize());
        row.put("overhead_ms", mean(spark) - mean(local));
        row.put("spark_call", stats(spark));
        row.put("in_memory_call", stats(local));
        rows.add(row);
        if (verbose) {
          System.err.printf(Locale.ROOT,
              "  overhead P=%d depth=%d: spark %.2f ms (median %.2f), in-memory %.2f ms -> %.2f ms%n",
              p, d, mean(spark), (Double) stats(spark).get("median_ms"), mean(local),
              mean(spark) - mean(local));
        }
      }
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("network", config.network().toString());
    o.put("parameters", network.parameterCount());
    o.put("rows_cached", samples.rows());
    o.put("warmup_calls", warmup);
    o.put("timed_calls", n);
    o.put("grid", rows);
    return o;
  }

  /**
   * Where one update's fixed cost goes, on {@code partitions} cached shards and tree depth
   * {@code depth}: each step below adds one ingredient of {@link SparkGradientSource#gradient}.
   */
  static Map<String, Object> breakdown(JavaSparkContext sc, JobConfig config, Samples samples,
      int partitions, int depth, int warmup, int n, boolean verbose) throws Exception {
    Network network = new Network(config.network());
    int size = network.parameterCount();
    float[] theta = Initializer.initialTheta(network, config.init(), config.seed());
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("partitions", partitions);
    o.put("tree_depth", depth);
    o.put("theta_bytes", 4L * size);
    // Through the update's own classes (named tasks, bulk-serialized Θ, the destroyer thread):
    // Java-API lambdas would add Spark's closure cleaning, which the update path does not pay.
    try (UpdateSteps steps = new UpdateSteps(sc, samples, partitions, theta, depth)) {
      put(o, "empty_job", "a job whose " + partitions + " tasks add nothing: Spark's floor",
          time(warmup, n, i -> steps.emptyJob()), verbose);
      put(o, "broadcast", "sc.broadcast(theta), destroyed afterwards off the path",
          time(warmup, n, i -> steps.broadcast()), verbose);
      put(o, "broadcast_destroy_in_line", "broadcast theta and destroy it in line (the destroy"
              + " runs on its own thread in an update)",
          time(warmup, n, i -> steps.broadcastAndDestroyInLine()), verbose);
      put(o, "result_job", "a job whose tasks return a zero gradient of D = len(theta) floats"
              + " (the result size of an update), no broadcast",
          time(warmup, n, i -> steps.resultJob()), verbose);
      put(o, "update_without_arithmetic", "broadcast + tasks reading theta + gradient-sized"
              + " results + destroy on its thread: an update without its arithmetic",
          time(warmup, n, i -> steps.updateWithoutArithmetic()), verbose);
    }
    GradientSum g = new GradientSum();
    g.gradient(size);
    byte[][] bytes = new byte[1][];
    put(o, "java_serialize_gradient_sum", "ObjectOutputStream of one GradientSum (driver, no Spark)",
        time(warmup, n, i -> {
          ByteArrayOutputStream b = new ByteArrayOutputStream(4 * size + 1024);
          try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(g);
          }
          bytes[0] = b.toByteArray();
        }), verbose);
    put(o, "java_deserialize_gradient_sum", "ObjectInputStream of one GradientSum",
        time(warmup, n, i -> {
          try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes[0]))) {
            in.readObject();
          }
        }), verbose);
    o.put("serialized_gradient_sum_bytes", bytes[0].length);
    float[] mean = new float[size];
    float[] th = theta.clone();
    OptimizerState state = config.optimizer().init(size);
    put(o, "driver_optimizer_step", "driver side of an update outside gradient(): scale the sum"
            + " to a mean and take one " + config.optimizerDescription() + " step",
        time(warmup, n, i -> {
          float scale = 1f / 1024;
          for (int j = 0; j < size; j++) {
            mean[j] = th[j] * 1e-3f * scale;
          }
          config.optimizer().update(th, mean, state, 1e-6f);
        }), verbose);
    return o;
  }

  private static void put(Map<String, Object> o, String key, String what, double[] ms,
      boolean verbose) {
    Map<String, Object> s = stats(ms);
    s.put("what", what);
    o.put(key, s);
    if (verbose) {
      System.err.printf(Locale.ROOT, "  %-30s mean %7.3f ms  median %7.3f ms%n", key,
          (Double) s.get("mean_ms"), (Double) s.get("median_ms"));
    }
  }
}
