package org.sparkprop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.spark.JobTasks;
import org.sparkprop.spark.SessionDefaults;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.spark.UpdateCost;
import org.sparkprop.spark.UpdateCostLog;
import org.sparkprop.spark.UpdateCostWindow;
import org.sparkprop.train.Samples;

/**
 * Spark's cost per update from a fresh JVM on: {@code scripts/bench --main UpdateCosts [UPDATES]
 * [BATCH] [LAYERS] [--json FILE]} runs UPDATES (default 2,600) gradient calls of LAYERS
 * (784,256,128,10) at BATCH (1024) on the bench's session, the batches in training order at a
 * fixed Θ, each recorded by an {@link UpdateCostLog}: wall time, the longest task's compute time
 * measured inside the task, and Spark = the difference. Reports updates 1–100 and 501–600 (the
 * fresh JVM's cold code) beside the last 500 (warm). {@link FashionBench} runs it in a JVM of its
 * own (part {@code costs}).
 */
public final class UpdateCosts {

  static final int DEFAULT_UPDATES = 2_600;
  static final int WARM_WINDOW = 500;

  private UpdateCosts() {}

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    Path json = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--json")) {
        json = Path.of(args[++i]);
      } else {
        positional.add(args[i]);
      }
    }
    int n = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : DEFAULT_UPDATES;
    int batch = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 1024;
    String layers = positional.size() > 2 ? positional.get(2) : FashionBench.LARGE;
    if (n < 600 + WARM_WINDOW) {
      throw new IllegalArgumentException("UPDATES is " + n + "; it must be at least "
          + (600 + WARM_WINDOW) + " (updates 1-600, then a warm window of " + WARM_WINDOW + ")");
    }
    Path data = Path.of(System.getProperty("bench.root", "."), "data", "fashion-mnist");
    Map<String, Object> result = measure(data, n, batch, layers);
    if (json != null) {
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), result);
    }
    System.exit(0);
  }

  static Map<String, Object> measure(Path data, int n, int batch, String layers) {
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    BenchModel model = BenchModel.create(layers);
    SparkSession spark = LocalSession.start(SessionDefaults.applyTo(new SparkConf()),
        "sparkprop-update-costs");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Samples train = FashionData.load(data).train();
    float[] theta = model.theta();
    List<UpdateCostWindow> windows = new ArrayList<>();
    try (UpdateCostLog log = UpdateCostLog.attach(sc);
        SparkGradientSource source = model.source(sc, train, batch).recordCosts(log)) {
      int perEpoch = source.plan().iterations(train.rows());
      System.err.printf(Locale.ROOT, "bench: %d updates of %s at batch %d from %.1f s after the"
          + " JVM's start%n", n, layers, batch, (System.currentTimeMillis() - jvmStart) / 1e3);
      for (int i = 0; i < n; i++) {
        source.gradient(theta, i / perEpoch, i % perEpoch);
      }
      List<UpdateCost> costs = log.updates();
      Map<Integer, JobTasks> jobs = log.jobs(30_000);
      windows.add(UpdateCostWindow.of("first100", 1, 100, costs, jobs));
      windows.add(UpdateCostWindow.of("500_600", 501, 600, costs, jobs));
      windows.add(UpdateCostWindow.of("warm", n - WARM_WINDOW + 1, n, costs, jobs));
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("layers", layers);
    o.put("batch", batch);
    o.put("updates", n);
    o.put("master", sc.master());
    o.put("fresh_spark_ms_per_update_first100", windows.get(0).sparkMs());
    o.put("fresh_spark_ms_per_update_500_600", windows.get(1).sparkMs());
    o.put("warm_spark_ms_per_update", windows.get(2).sparkMs());
    List<Map<String, Object>> rows = new ArrayList<>();
    System.err.println("bench: cost per update (ms; Spark = wall - longest task's compute)");
    for (UpdateCostWindow w : windows) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("window", w.name());
      row.put("from", w.from());
      row.put("to", w.to());
      row.put("wall_ms", w.wallMs());
      row.put("compute_ms", w.computeMs());
      row.put("spark_ms", w.sparkMs());
      row.put("spark_median_ms", w.sparkMedianMs());
      row.put("read_ms", w.readMs());
      row.put("broadcast_bytes", w.broadcastBytes());
      row.put("result_bytes", w.resultBytes());
      row.put("job_ms", w.jobMs());
      row.put("launch_delay_ms", w.launchDelayMs());
      row.put("deserialize_ms", w.deserializeMs());
      row.put("run_ms", w.runMs());
      row.put("result_serialize_ms", w.resultSerializeMs());
      row.put("scheduler_delay_ms", w.schedulerDelayMs());
      rows.add(row);
      System.err.printf(Locale.ROOT, "  %-9s %5d-%-5d wall %7.2f compute %6.2f spark %6.2f"
              + " (median %6.2f) deser %5.2f sched %5.2f result %.0f B%n", w.name(), w.from(),
          w.to(), w.wallMs(), w.computeMs(), w.sparkMs(), w.sparkMedianMs(), w.deserializeMs(),
          w.schedulerDelayMs(), w.resultBytes());
    }
    o.put("windows", rows);
    spark.stop();
    return o;
  }
}
