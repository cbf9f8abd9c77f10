package org.sparkprop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.spark.ShardRdd;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.train.BatchPlan;

/**
 * Throughput of 784-256-128-10 on a running standalone cluster of one-core workers, one partition
 * per worker, tree depth 2 (part of {@code scripts/scale}):
 * {@code ClusterScaling MASTER WORKERS OUT.json UPDATES [key=value Spark settings...]}.
 *
 * <p>The data is {@link SyntheticShards} generated on the executors. For every batch size it
 * times {@code UPDATES} gradient calls after a few warm-up calls, takes the compute of each from
 * Spark's task metrics (the longest task's run time) and splits the rest with
 * {@link UpdateSplit}'s probes on the same executors.
 */
public final class ClusterScaling {

  static final int[] BATCHES = {1024, 4096, 16384};
  /** Rows of synthetic data: twice the largest batch. */
  static final int ROWS = 32768;
  static final int DEPTH = 2;
  static final int WARMUP_UPDATES = 3;

  private ClusterScaling() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: ClusterScaling MASTER WORKERS OUT.json UPDATES [key=value...]");
      System.exit(2);
    }
    String master = args[0];
    int workers = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    int updates = Integer.parseInt(args[3]);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("master", master);
    root.put("workers", workers);
    root.put("load_average_at_start", FashionBench.loadAverage());
    SparkSession spark = ClusterSession.start(master, workers, "sparkprop-scale-" + workers,
        Arrays.copyOfRange(args, 4, args.length));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JobMetrics metrics = JobMetrics.attach(sc);
    BenchModel model = BenchModel.create();
    int partitions = workers;
    int parameters = model.network().parameterCount();
    root.put("network", FashionBench.LARGE);
    root.put("parameters", parameters);
    root.put("partitions", partitions);
    root.put("tree_depth", DEPTH);
    root.put("rows", ROWS);
    root.put("data", "synthetic rows of Fashion-MNIST's shape (784 inputs uniform in [0, 1),"
        + " one-hot targets of 10 classes) generated on the executors");
    long t0 = System.nanoTime();
    ShardRdd packed = SyntheticShards.fashionShaped(sc, ROWS, partitions, 1);
    root.put("data_generation_s", (System.nanoTime() - t0) / 1e9);
    System.err.printf(Locale.ROOT, "%d workers: %d rows generated and cached in %.1f s%n",
        workers, ROWS, (Double) root.get("data_generation_s"));
    // The probes come first: their many small jobs also warm the driver's scheduling code.
    Map<String, Object> split = UpdateSplit.measure(sc, model.theta(), partitions, DEPTH, 30, 40);
    root.put("update_split_probes", split);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<SparkGradientSource> sources = new ArrayList<>();
    try {
      for (int batch : BATCHES) {
        SparkGradientSource source = new SparkGradientSource(sc, model.network(), packed,
            new BatchPlan(partitions, batch, model.config().seed()), DEPTH);
        sources.add(source);
        int iterations = source.plan().iterations(ROWS);
        float[] theta = model.theta();
        for (int i = 0; i < WARMUP_UPDATES; i++) {
          source.gradient(theta, 0, i % iterations);
        }
        String group = "scale-batch-" + batch;
        sc.setJobGroup(group, "timed updates at batch " + batch, false);
        double[] wall = new double[updates];
        for (int i = 0; i < updates; i++) {
          long s = System.nanoTime();
          source.gradient(theta, 0, (WARMUP_UPDATES + i) % iterations);
          wall[i] = (System.nanoTime() - s) / 1e6;
        }
        sc.clearJobGroup();
        List<JobMetrics.Job> jobs = metrics.jobs(group, updates);
        rows.add(row(batch, partitions, parameters, wall, jobs, split));
      }
    } finally {
      // The sources share the cached shards; closing them frees those too.
      for (SparkGradientSource source : sources) {
        source.close();
      }
    }
    root.put("updates_timed", updates);
    root.put("warmup_updates", WARMUP_UPDATES);
    root.put("by_batch", rows);
    root.put("load_average_at_end", FashionBench.loadAverage());
    spark.stop();
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(),
        Report.sanitize(root));
  }

  private static Map<String, Object> row(int batch, int partitions, int parameters,
      double[] wall, List<JobMetrics.Job> jobs, Map<String, Object> split) {
    double[] compute = jobs.stream().mapToDouble(JobMetrics.Job::maxRunMs).toArray();
    double[] deserialize = jobs.stream().mapToDouble(JobMetrics.Job::maxDeserializeMs).toArray();
    double w = Median.of(wall);
    double c = Median.of(compute);
    double broadcast = (Double) split.get("broadcast_ms");
    double launch = (Double) split.get("launch_scheduling_ms");
    double aggregation = (Double) split.get("aggregation_ms");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("batch", batch);
    r.put("rows_per_task", batch / partitions);
    r.put("update_ms", w);
    double[] sorted = wall.clone();
    Arrays.sort(sorted);
    r.put("update_ms_min", sorted[0]);
    r.put("update_ms_max", sorted[sorted.length - 1]);
    r.put("samples_per_s", batch / (w / 1000));
    r.put("compute_ms", c);
    r.put("broadcast_ms", broadcast);
    r.put("launch_scheduling_ms", launch);
    r.put("aggregation_ms", aggregation);
    r.put("other_ms", w - c - broadcast - launch - aggregation);
    r.put("task_deserialize_ms", Median.of(deserialize));
    r.put("result_bytes", jobs.get(jobs.size() - 1).maxResultBytes());
    // Forward and backward pass: about 6 floating-point operations per weight and sample.
    r.put("task_gflops", 6.0 * parameters * (batch / (double) partitions) / (c / 1000) / 1e9);
    System.err.printf(Locale.ROOT, "  batch %5d: %.1f ms/update (%.0f samples/s), compute %.1f"
            + " ms, broadcast %.2f, launch %.2f, aggregation %.2f, other %.1f ms%n", batch, w,
        batch / (w / 1000), c, broadcast, launch, aggregation,
        w - c - broadcast - launch - aggregation);
    return r;
  }
}
