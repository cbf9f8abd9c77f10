package org.sparkprop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.SessionDefaults;
import org.sparkprop.tensor.Blas;
import org.sparkprop.train.JobConfig;

/**
 * The performance benchmark behind {@code scripts/bench}: on one {@code local[2]} session and the
 * same Fashion-MNIST arrays, (a) the sgemm peak of this machine, (b) MLlib's
 * {@code MultilayerPerceptronClassifier}, (c) sparkprop trained through its own API on the path a
 * fit takes by default ({@code sync=auto}: one barrier stage per epoch; the throughput runs also
 * with one Spark job per update, {@code sync=step}), (d) Spark's
 * fixed cost per update, (e) the size of the cached data and (f) Spark's cost per update from a
 * fresh JVM on ({@link UpdateCosts}, in a JVM of its own). Writes {@code bench.json} and
 * {@code bench.md} into the output directory.
 *
 * <pre>
 * FashionBench [--quick] [--mllib-iterations 10,25,50] [--mllib-budget SECONDS] [--out DIR] [--data DIR]
 *              [--settings LAYERS@name=value,...] [--parts costs,sgemm,overhead,sparkprop,mllib]
 *              [--throughput-batches 1024,2048,4096,8192] [--throughput-epochs N]
 * </pre>
 */
public final class FashionBench {

  static final String SMALL = "784,128,10";
  static final String LARGE = "784,256,128,10";
  /** The model of the top-level figures of bench.json. */
  static final String HEADLINE = LARGE;

  /**
   * sparkprop's settings per model, chosen by measurement (TuneSparkprop, in memory, same batches
   * as on Spark): adam with a cosine schedule reaches 88% soonest in wall-clock time.
   */
  static final Map<String, String> DEFAULT_SETTINGS = new LinkedHashMap<>();

  static {
    DEFAULT_SETTINGS.put(SMALL,
        "optimizer=adam,batchSize=1024,stepSize=0.004,schedule=cosine,epochs=20");
    DEFAULT_SETTINGS.put(LARGE,
        "optimizer=adam,batchSize=1024,stepSize=0.004,schedule=cosine,epochs=10");
  }

  /** Batch sizes of the throughput-only runs (adam) for every model. */
  static final int[] THROUGHPUT_BATCHES = {1024, 2048, 4096, 8192};

  /**
   * Epochs of each throughput run: its figure is the median of the epochs after the first. The
   * epochs of a shared machine move by 10–20% with the other tenants' load: with 5 epochs (a
   * median of 4) the batch-1024 throughput run of 784-256-128-10 read 55% of the peak where its
   * 10-epoch training run at the same batch, in the same benchmark, read 61%.
   */
  static final int THROUGHPUT_EPOCHS = 10;

  /** MLlib's default maxIter checkpoints per model (separate fits). */
  static final int[] DEFAULT_MLLIB_SMALL = {25, 50, 100, 200};
  static final int[] DEFAULT_MLLIB_LARGE = {100, 200};
  /** Total MLlib fit seconds by default, and the headline (large) model's share of it. */
  static final double DEFAULT_MLLIB_BUDGET = 900;
  static final double LARGE_BUDGET_SHARE = 0.65;

  private FashionBench() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    int[] mllibIterations = null;
    double mllibBudget = Double.NaN;
    Path out = null;
    Path dataDir = Path.of("data/fashion-mnist");
    List<String> parts = List.of("costs", "sgemm", "overhead", "sparkprop", "mllib");
    Map<String, String> settings = new LinkedHashMap<>(DEFAULT_SETTINGS);
    int[] batches = null;
    int throughputEpochs = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--mllib-iterations" -> mllibIterations = Arrays.stream(args[++i].split(","))
            .map(String::trim).mapToInt(Integer::parseInt).sorted().toArray();
        case "--mllib-budget" -> mllibBudget = Double.parseDouble(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--data" -> dataDir = Path.of(args[++i]);
        case "--parts" -> parts = List.of(args[++i].split(","));
        case "--throughput-batches" -> batches = Arrays.stream(args[++i].split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
        case "--throughput-epochs" -> throughputEpochs = Integer.parseInt(args[++i]);
        case "--settings" -> {
          String v = args[++i];
          int at = v.indexOf('@');
          if (at <= 0) {
            throw new IllegalArgumentException("--settings takes LAYERS@name=value,..., got " + v);
          }
          settings.put(v.substring(0, at), v.substring(at + 1));
        }
        default -> {
          System.err.println("unknown argument " + args[i] + "\nusage: FashionBench [--quick]"
              + " [--mllib-iterations 10,25,50] [--mllib-budget SECONDS] [--out DIR] [--data DIR]"
              + " [--settings LAYERS@name=value,...]"
              + " [--parts costs,sgemm,overhead,sparkprop,mllib]"
              + " [--throughput-batches 1024,2048,4096,8192] [--throughput-epochs N]");
          System.exit(2);
        }
      }
    }
    Map<String, int[]> checkpoints = new LinkedHashMap<>();
    if (mllibIterations != null) {
      checkpoints.put(SMALL, mllibIterations);
      checkpoints.put(LARGE, mllibIterations);
    } else if (quick) {
      checkpoints.put(SMALL, new int[] {2, 5});
      checkpoints.put(LARGE, new int[] {2, 5});
    } else {
      // About 9 minutes on a quiet machine (0.8 and 1.3 s per iteration): the headline model
      // gets the longer series, long enough to show whether l-bfgs gets to 88% at all.
      checkpoints.put(SMALL, DEFAULT_MLLIB_SMALL);
      checkpoints.put(LARGE, DEFAULT_MLLIB_LARGE);
    }
    if (out == null) {
      out = Path.of(System.getProperty("bench.root", "."), "runs", "bench-"
          + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
    if (Double.isNaN(mllibBudget)) {
      mllibBudget = quick ? 120 : DEFAULT_MLLIB_BUDGET;
    }
    if (quick) {
      for (String k : settings.keySet()) {
        settings.put(k, settings.get(k) + ",epochs=2");
      }
    }
    if (batches == null) {
      batches = quick ? new int[] {1024} : THROUGHPUT_BATCHES;
    }
    for (int b : batches) {
      if (Arrays.stream(THROUGHPUT_BATCHES).noneMatch(t -> t == b)) {
        throw new IllegalArgumentException("--throughput-batches: " + b + " is not one of "
            + Arrays.toString(THROUGHPUT_BATCHES));
      }
    }
    if (throughputEpochs == 0) {
      throughputEpochs = quick ? 2 : THROUGHPUT_EPOCHS;
    } else if (throughputEpochs < 2) {
      throw new IllegalArgumentException("--throughput-epochs is " + throughputEpochs
          + "; it must be at least 2 (the figures are the epochs after the first)");
    }
    new FashionBench().run(quick, checkpoints, mllibBudget, out, dataDir, parts, settings,
        batches, throughputEpochs);
  }

  private void run(boolean quick, Map<String, int[]> mllibIterations, double mllibBudget,
      Path out, Path dataDir,
      List<String> parts, Map<String, String> settings, int[] batches, int throughputEpochs)
      throws Exception {
    Files.createDirectories(out);
    long started = System.nanoTime();
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> env = environment();
    System.err.println("bench: " + env);
    FashionData data = FashionData.load(dataDir);
    System.err.printf(Locale.ROOT, "bench: Fashion-MNIST %d training, %d test rows%n",
        data.train().rows(), data.test().rows());

    // (f) Spark's cost per update from a fresh JVM on, in a JVM of its own while this one idles.
    if (parts.contains("costs")) {
      json.put("update_costs", freshUpdateCosts(out, quick ? 1_100 : 2_600));
    }

    // (a) sgemm peak, before Spark starts, in this JVM.
    Map<String, Object> sgemm = new LinkedHashMap<>();
    double peak = Double.NaN;
    if (parts.contains("sgemm") || parts.contains("sparkprop")) {
      int warm = quick ? 1 : 3;
      int reps = quick ? 3 : 7;
      double target = quick ? 0.03 : 0.1;
      List<Map<String, Object>> results = new ArrayList<>();
      for (int threads : new int[] {1, 2}) {
        for (int[] shape : new int[][] {{1024, 1024, 1024}, {256, 128, 784}}) {
          SgemmPeak.Result r = SgemmPeak.measure(shape[0], shape[1], shape[2], threads, warm,
              reps, target);
          System.err.printf(Locale.ROOT, "sgemm %dx%dx%d on %d thread(s): %.1f GFLOP/s%n",
              r.m(), r.k(), r.n(), threads, r.gflops());
          results.add(r.json());
          if (threads == 2 && shape[0] == 1024) {
            peak = r.gflops();
          }
        }
      }
      sgemm.put("results", results);
      sgemm.put("peak_gflops_2core", peak);
      sgemm.put("note", "float32 sgemm through org.sparkprop.tensor.Blas.get(), column-major"
          + " C(m x n) = A(m x k) B(k x n); threads = single-threaded sgemm calls running at once"
          + " on separate matrices; GFLOP/s = threads * 2mnk / seconds, best repetition after"
          + " warmup; 256x784x128 is the MLP-sized shape (batch 256, 784 inputs, 128 units)");
    }
    json.put("sgemm", sgemm);

    // sparkprop's own session settings (cli.Sessions), which MLlib shares: its weights are
    // broadcast every iteration too.
    SparkSession spark = LocalSession.start(SessionDefaults.applyTo(new SparkConf())
        .set("spark.sql.shuffle.partitions", "2"), "sparkprop-bench");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    env.put("spark_version", sc.version());
    env.put("master", sc.master());
    Map<String, Map<String, Object>> models = new LinkedHashMap<>();
    models.put(SMALL, new LinkedHashMap<>());
    models.put(LARGE, new LinkedHashMap<>());
    try {
      // (d) Spark's fixed cost per update on 784-256-128-10.
      if (parts.contains("overhead")) {
        JobConfig large = SparkpropSettings.config(LARGE,
            SparkpropSettings.parse(settings.get(LARGE)));
        int warm = quick ? 5 : 50;
        int n = quick ? 20 : 300;
        int[] pGrid = quick ? new int[] {1, 2} : new int[] {1, 2, 4};
        int[] dGrid = quick ? new int[] {1, 2} : new int[] {1, 2, 3};
        System.err.println("bench: Spark overhead per update");
        Map<String, Object> overhead = SparkOverhead.grid(sc, large, data.trainHead(8192),
            pGrid, dGrid, warm, n, true);
        System.err.println("bench: overhead breakdown");
        overhead.put("breakdown", SparkOverhead.breakdown(sc, large, data.trainHead(8192), 2,
            large.treeDepth(), warm, quick ? 20 : 200, true));
        json.put("overhead", overhead);
        json.put("overhead_ms_per_iteration", overheadAt(overhead, 2, large.treeDepth()));
      }

      // (c) + (e) sparkprop.
      if (parts.contains("sparkprop")) {
        for (String layers : models.keySet()) {
          Map<String, String> s = SparkpropSettings.parse(settings.get(layers));
          Map<String, Object> sp = SparkpropRun.train(sc, data, layers, s, peak, true);
          // The default path (sync=auto: one barrier stage per epoch), then the same runs with
          // one Spark job per update (sync=step) as a second row.
          for (String sync : List.of("auto", "step")) {
            for (int batch : batches) {
              sp.put(throughputKey(sync, batch), SparkpropRun.throughput(sc, data, layers, batch,
                  throughputEpochs, sync, peak, true));
            }
          }
          models.get(layers).put("sparkprop", sp);
          System.err.printf(Locale.ROOT, "sparkprop %s: 88%% after %s s, final test accuracy %.4f%n",
              layers, sp.get("seconds_to_88"), (Double) sp.get("test_accuracy"));
        }
      }

      // (b) MLlib, last: its DataFrame caches and garbage do not disturb the timings above.
      if (parts.contains("mllib")) {
        long[] sizes = new long[2];
        Dataset<Row> train = MllibBaseline.frame(spark, data.trainRaw(), () -> cachedBytes(sc),
            sizes);
        long cached = sizes[1];
        long raw = (long) data.train().rows() * (data.train().inputs() + 1) * 4L;
        for (String layers : models.keySet()) {
          int[] layerSizes = Arrays.stream(layers.split(",")).mapToInt(Integer::parseInt).toArray();
          long params = new Network(SparkpropSettings.config(layers, Map.of()).network())
              .parameterCount();
          double share = layers.equals(SMALL) ? 1 - LARGE_BUDGET_SHARE : LARGE_BUDGET_SHARE;
          MllibBaseline.Series series = MllibBaseline.run(train, data.testRaw(), layerSizes,
              mllibIterations.get(layers), 0.88, mllibBudget * share);
          Map<String, Object> ml = MllibBaseline.summary(series, params, data.train().rows());
          SparkpropRun.putRatios(ml, peak);
          Map<String, Object> cache = new LinkedHashMap<>();
          cache.put("mem_bytes", cached);
          cache.put("local_checkpoint_bytes", sizes[0]);
          cache.put("raw_float32_bytes", raw);
          cache.put("ratio", (double) cached / raw);
          cache.put("note", "the cached input DataFrame (label double + features dense vector),"
              + " as Spark reports it, against rows x (784 features + 1 label) x 4 bytes;"
              + " MLlib also stacks the rows into its own blocks during fit; local_checkpoint_bytes"
              + " is the checkpoint the cache was built from (see MllibBaseline.frame)");
          ml.put("cache", cache);
          models.get(layers).put("mllib", ml);
        }
        train.unpersist();
      }
    } finally {
      spark.stop();
    }
    // The machine is shared: the same peak measured again, and the load, tell how quiet it was.
    if (!sgemm.isEmpty()) {
      SgemmPeak.Result again = SgemmPeak.measure(1024, 1024, 1024, 2, 1, quick ? 3 : 7,
          quick ? 0.03 : 0.1);
      sgemm.put("peak_gflops_2core_at_end", again.gflops());
      System.err.printf(Locale.ROOT, "sgemm 1024^3 on 2 threads at the end: %.1f GFLOP/s%n",
          again.gflops());
    }
    env.put("load_average_at_end", loadAverage());
    // The reference peak: the better of the two measurements (a transient load from other users
    // of the machine lowers one of them), and every ratio recomputed against it.
    if (sgemm.get("peak_gflops_2core_at_end") != null) {
      peak = Math.max(peak, (Double) sgemm.get("peak_gflops_2core_at_end"));
      sgemm.put("peak_gflops_reference", peak);
      for (Map<String, Object> m : models.values()) {
        SparkpropRun.putRatios(asMap(m.get("sparkprop")), peak);
        SparkpropRun.putRatios(asMap(m.get("mllib")), peak);
        Map<String, Object> sp = asMap(m.get("sparkprop"));
        if (sp != null) {
          for (String sync : List.of("auto", "step")) {
            for (int batch : THROUGHPUT_BATCHES) {
              SparkpropRun.putRatios(asMap(sp.get(throughputKey(sync, batch))), peak);
            }
          }
        }
      }
    }

    json.put("headline_model", HEADLINE);
    Map<String, Object> head = models.get(HEADLINE);
    Map<String, Object> sp = asMap(head.get("sparkprop"));
    Map<String, Object> ml = asMap(head.get("mllib"));
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("flops_efficiency", sp == null || sp.get(throughputKey("auto", 1024)) == null ? null
        : asMap(sp.get(throughputKey("auto", 1024))).get("flops_ratio_to_peak"));
    Map<String, Object> byBatch = byBatch(sp, "flops_ratio_to_peak");
    top.put("flops_efficiency_by_batch", byBatch);
    top.put("smallest_batch_at_60_percent", smallestAt60(byBatch));
    top.put("gemm_work_efficiency_by_batch", byBatch(sp, "gemm_flops_ratio_to_peak"));
    top.put("flops_efficiency_fastest_epoch_by_batch",
        byBatch(sp, "flops_ratio_to_peak_fastest_epoch"));
    top.put("flops_efficiency_one_job_per_update_by_batch",
        byBatch(sp, "step", "flops_ratio_to_peak"));
    top.put("overhead_ms_per_iteration", json.remove("overhead_ms_per_iteration"));
    Map<String, Object> costs = asMap(json.get("update_costs"));
    for (String key : List.of("fresh_spark_ms_per_update_first100",
        "fresh_spark_ms_per_update_500_600", "warm_spark_ms_per_update")) {
      top.put(key, costs == null ? null : costs.get(key));
    }
    top.put("cache_ratio", sp == null ? null : asMap(sp.get("cache")).get("ratio"));
    top.put("sparkprop_seconds_to_88", sp == null ? null : sp.get("seconds_to_88"));
    top.put("mllib_seconds_to_88", ml == null ? null : ml.get("seconds_to_88"));
    top.put("mllib_budget_seconds", ml == null ? null : ml.get("budget_seconds"));
    top.put("sparkprop_test_accuracy", sp == null ? null : sp.get("test_accuracy"));
    top.put("mllib_test_accuracy", ml == null ? null : ml.get("test_accuracy"));
    top.put("blas", Blas.implementation());
    top.put("peak_gflops_2core", peak);
    top.put("notes", Map.of(
        "flops_efficiency", "sparkprop training FLOP/s (6 x parameters x samples) at batch 1024"
            + " on local[2], on the default path (sync=auto: each epoch's updates in one barrier"
            + " stage) / the measured 2-core float32 sgemm peak (1024^3, the better of the"
            + " measurements at the start and at the end)",
        "flops_efficiency_one_job_per_update_by_batch", "the same throughput runs with sync=step:"
            + " one Spark job per update",
        "gemm_work_efficiency_by_batch", "the same runs counting the matrix arithmetic actually"
            + " done (4.29 x weights x samples for 784-256-128-10: no error below the first"
            + " layer) instead of the 6 x parameters convention",
        "flops_efficiency_fastest_epoch_by_batch", "the same runs' fastest epoch after the first"
            + " instead of the median, as the peak is the best sgemm repetition",
        "overhead_ms_per_iteration", "mean SparkGradientSource.gradient time with one row per"
            + " partition minus the in-memory compute of those rows, 2 partitions, default"
            + " treeDepth, 784-256-128-10",
        "fresh_spark_ms_per_update_first100", "784-256-128-10 at batch 1024 on local[2] in a"
            + " fresh JVM (UpdateCosts): mean update wall time minus the longest task's compute"
            + " time (measured inside the task) over updates 1-100; _500_600 over updates"
            + " 501-600; warm_spark_ms_per_update over the last 500 of 2,600",
        "cache_ratio", "Spark's memSize of the cached shard RDD / rows x (inputs + outputs) x 4",
        "seconds_to_88", "headline model " + HEADLINE + "; null when never reached within the"
            + " budget (mllib_budget_seconds)"));
    Map<String, Object> root = new LinkedHashMap<>(top);
    root.put("environment", env);
    root.put("quick", quick);
    root.put("mllib_iterations", mllibIterations);
    root.put("mllib_fit_budget_seconds", mllibBudget);
    root.put("sparkprop_settings", settings);
    root.put("models", models);
    root.putAll(json);
    root.put("wall_seconds", (System.nanoTime() - started) / 1e9);
    ObjectMapper mapper = new ObjectMapper();
    mapper.writerWithDefaultPrettyPrinter().writeValue(out.resolve("bench.json").toFile(),
        Report.sanitize(root));
    Files.writeString(out.resolve("bench.md"), Report.markdown(root));
    System.err.println("bench: wrote " + out.resolve("bench.json") + " and bench.md in "
        + String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - started) / 1e9));
    System.out.print(Report.markdown(root));
  }

  /**
   * Runs {@link UpdateCosts} for {@code updates} updates in a fresh JVM with this JVM's options
   * and class path, and returns what it wrote.
   */
  private static Map<String, Object> freshUpdateCosts(Path out, int updates)
      throws Exception {
    Path file = out.resolve("update-costs.json");
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        UpdateCosts.class.getName(), Integer.toString(updates), "1024", LARGE,
        "--json", file.toString()));
    System.err.println("bench: Spark's cost per update from a fresh JVM on (" + updates
        + " updates)");
    int status = new ProcessBuilder(cmd).inheritIO().start().waitFor();
    if (status != 0) {
      throw new IllegalStateException("UpdateCosts exited with status " + status);
    }
    return asMap(new ObjectMapper().readValue(file.toFile(), Map.class));
  }

  private static Double overheadAt(Map<String, Object> overhead, int partitions, int depth) {
    for (Object o : (List<?>) overhead.get("grid")) {
      Map<String, Object> row = asMap(o);
      if ((Integer) row.get("partitions") == partitions && (Integer) row.get("tree_depth") == depth) {
        return (Double) row.get("overhead_ms");
      }
    }
    return null;
  }

  /** Sum of memSize over every cached RDD (DataFrame caches included). */
  private static long cachedBytes(JavaSparkContext sc) {
    long sum = 0;
    for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
      sum += info.memSize() + info.diskSize();
    }
    return sum;
  }

  /** The 1, 5 and 15 minute load averages (/proc/loadavg), or null. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The key of a model's throughput run at {@code batch} with setting {@code sync}: the default
   * path ({@code auto}) is {@code throughput_batch_B}, one job per update
   * {@code throughput_step_batch_B}.
   */
  static String throughputKey(String sync, int batch) {
    return (sync.equals("auto") ? "throughput_batch_" : "throughput_" + sync + "_batch_") + batch;
  }

  /**
   * One figure of a model's throughput runs on the default path by batch size ("1024" → value),
   * in batch order; empty when sparkprop did not run.
   */
  static Map<String, Object> byBatch(Map<String, Object> sparkprop, String key) {
    return byBatch(sparkprop, "auto", key);
  }

  /** As {@link #byBatch(Map, String)} for the runs with setting {@code sync}. */
  static Map<String, Object> byBatch(Map<String, Object> sparkprop, String sync, String key) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int batch : THROUGHPUT_BATCHES) {
      Map<String, Object> t = sparkprop == null ? null
          : asMap(sparkprop.get(throughputKey(sync, batch)));
      if (t != null) {
        out.put(Integer.toString(batch), t.get(key));
      }
    }
    return out;
  }

  /** The smallest batch size whose ratio in {@code ratios} (from {@link #byBatch}) is ≥ 60%. */
  static Integer smallestAt60(Map<String, Object> ratios) {
    for (Map.Entry<String, Object> e : ratios.entrySet()) {
      if ((Double) e.getValue() >= 0.6) {
        return Integer.valueOf(e.getKey());
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> environment() throws IOException {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    env.put("cores", Runtime.getRuntime().availableProcessors());
    env.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.exists(cpuinfo)) {
      Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
          .ifPresent(l -> env.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
    }
    env.put("blas", Blas.implementation());
    for (String lib : new String[] {"/usr/lib/x86_64-linux-gnu/libblas.so.3",
        "/usr/lib/aarch64-linux-gnu/libblas.so.3", "/usr/lib/libblas.so.3"}) {
      Path p = Path.of(lib);
      if (Files.exists(p)) {
        env.put("libblas", p + " -> " + p.toRealPath());
        break;
      }
    }
    env.put("OPENBLAS_NUM_THREADS", System.getenv("OPENBLAS_NUM_THREADS"));
    env.put("load_average_at_start", loadAverage());
    return env;
  }
}
