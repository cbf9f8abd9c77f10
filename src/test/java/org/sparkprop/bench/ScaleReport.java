package org.sparkprop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joins the parts of {@code scripts/scale} (cluster-1.json, cluster-2.json, overhead.json in
 * DIR) into scale.json and scale.md, with the target of 2 workers against 1:
 * {@code ScaleReport DIR COMMAND UPTIME_AT_START UPTIME_AT_END}.
 */
public final class ScaleReport {

  /** The target, as set: 2 workers give at least this many times the throughput of 1... */
  static final double TARGET_SPEEDUP = 1.7;
  /** ... at this batch size. */
  static final int TARGET_BATCH = 16384;

  private ScaleReport() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", args[1]);
    root.put("uptime_at_start", args[2]);
    root.put("uptime_at_end", args[3]);
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("jdk", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"));
    env.put("cores", Runtime.getRuntime().availableProcessors());
    env.put("cpu", cpu());
    env.put("OPENBLAS_NUM_THREADS", System.getenv("OPENBLAS_NUM_THREADS"));
    env.put("spark_version", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    env.put("note", "a shared 2-core machine: other builds ran beside the measurements");
    root.put("environment", env);
    Map<String, Object> one = read(dir.resolve("cluster-1.json"));
    Map<String, Object> two = read(dir.resolve("cluster-2.json"));
    root.put("standalone_1_worker", one);
    root.put("standalone_2_workers", two);
    Map<String, Object> speedup = new LinkedHashMap<>();
    if (one != null && two != null) {
      for (int batch : ClusterScaling.BATCHES) {
        Double a = samplesPerS(one, batch);
        Double b = samplesPerS(two, batch);
        if (a != null && b != null) {
          speedup.put(Integer.toString(batch), b / a);
        }
      }
    }
    root.put("speedup_2_over_1_workers", speedup);
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("what", "2 workers give at least " + TARGET_SPEEDUP + "x the throughput of 1 at"
        + " batch " + TARGET_BATCH);
    Object measured = speedup.get(Integer.toString(TARGET_BATCH));
    target.put("measured", measured);
    target.put("met", measured == null ? null : (Double) measured >= TARGET_SPEEDUP);
    root.put("target", target);
    root.put("local_cluster_overhead", read(dir.resolve("overhead.json")));
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(
        dir.resolve("scale.json").toFile(), Report.sanitize(root));
    String md = markdown(root);
    Files.writeString(dir.resolve("scale.md"), md);
    System.out.print(md);
  }

  private static Map<String, Object> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    return FashionBench.asMap(new ObjectMapper().readValue(file.toFile(), Map.class));
  }

  private static String cpu() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.exists(cpuinfo)) {
      return null;
    }
    return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(null);
  }

  private static Map<String, Object> atBatch(Map<String, Object> run, int batch) {
    for (Object o : (List<?>) run.get("by_batch")) {
      Map<String, Object> r = FashionBench.asMap(o);
      if (((Number) r.get("batch")).intValue() == batch) {
        return r;
      }
    }
    return null;
  }

  private static Double samplesPerS(Map<String, Object> run, int batch) {
    Map<String, Object> r = atBatch(run, batch);
    return r == null ? null : ((Number) r.get("samples_per_s")).doubleValue();
  }

  private static double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  /** Milliseconds to two decimals, or a dash for a figure not recorded. */
  private static String ms(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
  }

  static String markdown(Map<String, Object> root) {
    StringBuilder md = new StringBuilder();
    Map<String, Object> env = FashionBench.asMap(root.get("environment"));
    md.append("# Scaling of the synchronous update: measurements\n\n");
    md.append(String.format(Locale.ROOT, "`%s`; %s; %s cores (%s); Spark %s;"
            + " OPENBLAS_NUM_THREADS=%s.%n%n", root.get("command"), env.get("jdk"),
        env.get("cores"), env.get("cpu"), env.get("spark_version"),
        env.get("OPENBLAS_NUM_THREADS")));
    md.append("Taken on a shared 2-core machine: other builds ran beside these measurements, and"
        + " the driver, the workers and the executors all share the same 2 cores. `uptime` at"
        + " the start: `" + root.get("uptime_at_start") + "`; at the end: `"
        + root.get("uptime_at_end") + "`.\n\n");

    Map<String, Object> one = FashionBench.asMap(root.get("standalone_1_worker"));
    Map<String, Object> two = FashionBench.asMap(root.get("standalone_2_workers"));
    Map<String, Object> any = one != null ? one : two;
    if (any != null) {
      md.append("## Standalone cluster on 127.0.0.1, 784-256-128-10\n\n");
      md.append(String.format(Locale.ROOT, "A master and 1 or 2 one-core workers started by"
              + " `scripts/cluster start N`; one partition per worker, tree depth %s. Data: %s"
              + " rows: %s. Median of %s timed updates per batch after %s warm-up updates."
              + " compute is the longest task's run time (Spark's task metrics, which include"
              + " reading Θ from the broadcast); broadcast, launch/scheduling and aggregation are"
              + " medians of probes on the same executors (creating Θ's broadcast on the driver;"
              + " a job whose tasks do nothing; a job returning gradient-sized sums, less the"
              + " empty job); other is the rest of the update's wall time.%n%n",
          any.get("tree_depth"), any.get("rows"), any.get("data"), any.get("updates_timed"),
          any.get("warmup_updates")));
      md.append("| workers | batch | ms/update | samples/s | compute ms | broadcast ms"
          + " | launch/scheduling ms | aggregation ms | other ms | GFLOP/s per task |\n");
      md.append("|---|---|---|---|---|---|---|---|---|---|\n");
      for (Map<String, Object> run : new Map[] {one, two}) {
        if (run == null) {
          continue;
        }
        for (Object o : (List<?>) run.get("by_batch")) {
          Map<String, Object> r = FashionBench.asMap(o);
          md.append(String.format(Locale.ROOT,
              "| %s | %s | %.1f | %.0f | %.1f | %.2f | %.2f | %.2f | %.1f | %.1f |%n",
              run.get("workers"), r.get("batch"), num(r, "update_ms"), num(r, "samples_per_s"),
              num(r, "compute_ms"), num(r, "broadcast_ms"), num(r, "launch_scheduling_ms"),
              num(r, "aggregation_ms"), num(r, "other_ms"), num(r, "task_gflops")));
        }
      }
      md.append('\n');
      Map<String, Object> speedup = FashionBench.asMap(root.get("speedup_2_over_1_workers"));
      if (!speedup.isEmpty()) {
        md.append("| batch | samples/s, 1 worker | samples/s, 2 workers | 2 ÷ 1 |\n");
        md.append("|---|---|---|---|\n");
        for (int batch : ClusterScaling.BATCHES) {
          Object s = speedup.get(Integer.toString(batch));
          if (s != null) {
            md.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f× |%n", batch,
                samplesPerS(one, batch), samplesPerS(two, batch), ((Number) s).doubleValue()));
          }
        }
        md.append('\n');
      }
      Map<String, Object> target = FashionBench.asMap(root.get("target"));
      Object measured = target.get("measured");
      md.append(String.format(Locale.ROOT, "Target: %s. Measured: %s — %s.%n%n",
          target.get("what"),
          measured == null ? "not measured" : String.format(Locale.ROOT, "%.2f×",
              ((Number) measured).doubleValue()),
          measured == null ? "no verdict" : Boolean.TRUE.equals(target.get("met")) ? "met"
              : "**not met**"));
    }

    Map<String, Object> overhead = FashionBench.asMap(root.get("local_cluster_overhead"));
    if (overhead != null) {
      md.append("## Spark's overhead per update against the number of executors\n\n");
      md.append(String.format(Locale.ROOT, "`local-cluster[N,1,1024]`: N executor JVMs of one"
              + " core and 1 GiB on this %s-core machine, so with more than 2 executors they"
              + " share the cores (with the driver): the figures past 2 measure Spark's"
              + " bookkeeping for N executors, not N machines. Updates of 784-256-128-10"
              + " (Θ of %s floats) with one row per partition, N partitions, tree depth %s;"
              + " overhead = mean time of the Spark call less the same call in memory.%n%n",
          overhead.get("cores"), overhead.get("parameters"), overhead.get("tree_depth")));
      if (overhead.get("note") != null) {
        md.append("Note: ").append(overhead.get("note")).append(".\n\n");
      }
      md.append("| executors | overhead ms (means) | overhead ms (medians) | Spark call median ms"
          + " | empty job ms | broadcast ms | aggregation ms | load average |\n");
      md.append("|---|---|---|---|---|---|---|---|\n");
      for (Object o : (List<?>) overhead.get("by_executors")) {
        Map<String, Object> r = FashionBench.asMap(o);
        Map<String, Object> p = FashionBench.asMap(r.get("update_split_probes"));
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
            r.get("executors"), ms(num(r, "overhead_ms")),
            ms(num(r, "spark_call_median_ms") - num(r, "in_memory_call_median_ms")),
            ms(num(r, "spark_call_median_ms")), ms(num(p, "empty_job_ms")),
            ms(num(p, "broadcast_ms")), ms(num(p, "aggregation_ms")),
            r.get("load_average") == null ? "–" : r.get("load_average")));
      }
      md.append('\n');
    }
    return md.toString();
  }
}
