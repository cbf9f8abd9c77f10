package org.sparkprop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Samples;
import org.sparkprop.train.TrainingResult;

/**
 * sparkprop trained through its own API, as {@code TrainJob} does: {@link JobConfig} from
 * settings, the updates on the path a fit takes with those settings ({@link UpdatePath}: with the
 * default {@code sync=auto}, one barrier stage per epoch; with {@code sync=step}, one Spark job
 * per update through a {@link SparkGradientSource}), {@code config.train} with a listener that
 * measures test accuracy on the driver after every epoch (its time excluded).
 */
final class SparkpropRun {

  /** FLOP of one training sample: forward (2·weights) plus backward (4·weights). */
  static final double FLOP_PER_PARAMETER_SAMPLE = 6.0;

  private SparkpropRun() {}

  /** Trains one configuration on Spark and returns its figures. */
  static Map<String, Object> train(JavaSparkContext sc, FashionData data, String layers,
      Map<String, String> overrides, double peakGflops, boolean verbose) {
    JobConfig config = SparkpropSettings.config(layers, overrides);
    Network network = new Network(config.network());
    Samples train = data.train();
    int partitions = config.partitions() > 0 ? config.partitions() : sc.defaultParallelism();
    int batch = config.batchSize(train.rows());
    BatchPlan plan = new BatchPlan(partitions, batch, config.seed(), config.augment());
    AccuracyListener listener = new AccuracyListener(network, data.test(), verbose);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("settings", overrides);
    o.put("optimizer", config.optimizerDescription());
    o.put("batch_size", batch);
    o.put("partitions", partitions);
    o.put("tree_depth", config.treeDepth());
    o.put("updates_per_epoch", plan.iterations(train.rows()));
    o.put("parameters", network.parameterCount());
    if (verbose) {
      System.err.printf(Locale.ROOT, "sparkprop %s: %s, batch %d, %d partitions, %d epochs%n",
          layers, config.optimizerDescription(), batch, partitions, config.training().epochs());
    }
    long t0 = System.nanoTime();
    TrainingResult result;
    try (UpdatePath path = UpdatePath.open(sc, config, network, train, plan)) {
      o.put("setup_seconds", (System.nanoTime() - t0) / 1e9);
      o.put("sync", path.label());
      o.put("cache", cacheFigures(sc, train));
      if (verbose) {
        System.err.println("  updates: " + path.description());
      }
      listener.start();
      result = config.train(network, path.updates(), null, listener);
    }
    List<AccuracyListener.Point> points = listener.points();
    o.put("epochs", result.epochs());
    o.put("stop_reason", result.stopReason().label());
    putThroughput(o, points, train.rows(), network, peakGflops);
    o.put("seconds_to_85", listener.secondsTo(0.85));
    o.put("epochs_to_85", listener.epochsTo(0.85));
    o.put("seconds_to_88", listener.secondsTo(0.88));
    o.put("epochs_to_88", listener.epochsTo(0.88));
    Double setup = (Double) o.get("setup_seconds");
    Double to88 = listener.secondsTo(0.88);
    o.put("seconds_to_88_including_setup", to88 == null ? null : to88 + setup);
    o.put("seconds_to_note", "training wall-clock time (test evaluation excluded) at the end of"
        + " the first epoch whose test accuracy reached the target; setup (packing and caching the"
        + " shards) is setup_seconds");
    o.put("test_accuracy", points.get(points.size() - 1).testAccuracy());
    o.put("history", history(points));
    return o;
  }

  /**
   * Throughput alone at one batch size: {@code epochs} epochs of adam on Spark with setting
   * {@code sync} ({@code auto}, the default path, or {@code step}), figures from the epochs after
   * the first.
   */
  static Map<String, Object> throughput(JavaSparkContext sc, FashionData data, String layers,
      int batch, int epochs, String sync, double peakGflops, boolean verbose) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("optimizer", "adam");
    settings.put("batchSize", Integer.toString(batch));
    settings.put("epochs", Integer.toString(epochs));
    settings.put("sync", sync);
    JobConfig config = SparkpropSettings.config(layers, settings);
    Network network = new Network(config.network());
    Samples train = data.train();
    BatchPlan plan = new BatchPlan(config.partitions(), batch, config.seed());
    AccuracyListener listener = new AccuracyListener(network, data.test(), false);
    String label;
    try (UpdatePath path = UpdatePath.open(sc, config, network, train, plan)) {
      label = path.label();
      listener.start();
      config.train(network, path.updates(), null, listener);
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("batch_size", batch);
    o.put("sync", label);
    o.put("updates_per_epoch", plan.iterations(train.rows()));
    putThroughput(o, listener.points(), train.rows(), network, peakGflops);
    if (verbose) {
      System.err.printf(Locale.ROOT, "  throughput %s batch %d (%s): %.2f s/epoch, %.1f GFLOP/s (%.0f%%"
              + " of peak; gemm work done %.0f%%)%n",
          layers, batch, label, (Double) o.get("seconds_per_epoch_steady"),
          (Double) o.get("training_flops") / 1e9, 100 * (Double) o.get("flops_ratio_to_peak"),
          100 * (Double) o.get("gemm_flops_ratio_to_peak"));
    }
    return o;
  }

  private static void putThroughput(Map<String, Object> o, List<AccuracyListener.Point> points,
      int rows, Network network, double peakGflops) {
    double total = points.get(points.size() - 1).trainSeconds();
    double[] steady = points.stream().skip(points.size() > 1 ? 1 : 0)
        .mapToDouble(AccuracyListener.Point::epochSeconds).toArray();
    double median = Median.of(steady);
    double fastest = java.util.Arrays.stream(steady).min().getAsDouble();
    double flops = FLOP_PER_PARAMETER_SAMPLE * network.parameterCount() * rows / median;
    double gemmFlops = (double) GemmWork.gradientPerSample(network.spec().sizes()) * rows / median;
    o.put("train_seconds", total);
    o.put("first_epoch_seconds", points.get(0).epochSeconds());
    o.put("seconds_per_epoch", total / points.size());
    o.put("seconds_per_epoch_steady", median);
    o.put("samples_per_second", rows / median);
    o.put("training_flops", flops);
    // The load of a shared machine only ever slows an epoch down: the fastest one shows what
    // training does undisturbed, as the sgemm peak's best repetition does for the kernel.
    o.put("seconds_per_epoch_fastest", fastest);
    o.put("training_flops_fastest_epoch", flops * median / fastest);
    o.put("gemm_flops", gemmFlops);
    putRatios(o, peakGflops);
    o.put("flops_note", "6 x parameters x samples per epoch (forward 2, backward 4 FLOP per"
        + " weight and sample) / median epoch seconds after the first epoch; peak = the 2-core"
        + " 1024^3 sgemm measured in this JVM; gemm_flops counts the matrix arithmetic actually"
        + " done instead (no error below the first layer: 4.29 x weights for 784-256-128-10)");
  }

  /**
   * Puts every FLOP/s figure of {@code figures} (sparkprop's or MLlib's) as a ratio to
   * {@code peakGflops}; called again when a better peak is measured at the end.
   */
  static void putRatios(Map<String, Object> figures, double peakGflops) {
    if (figures == null) {
      return;
    }
    String[][] ratios = {
        {"training_flops", "flops_ratio_to_peak"},
        {"training_flops_fastest_epoch", "flops_ratio_to_peak_fastest_epoch"},
        {"gemm_flops", "gemm_flops_ratio_to_peak"}};
    for (String[] r : ratios) {
      if (figures.get(r[0]) != null) {
        figures.put(r[1], (Double) figures.get(r[0]) / (peakGflops * 1e9));
      }
    }
  }

  private static List<Map<String, Object>> history(List<AccuracyListener.Point> points) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (AccuracyListener.Point p : points) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("epoch", p.epoch());
      m.put("train_seconds", p.trainSeconds());
      m.put("epoch_seconds", p.epochSeconds());
      m.put("train_loss", p.trainLoss());
      m.put("test_accuracy", p.testAccuracy());
      m.put("test_loss", p.testLoss());
      list.add(m);
    }
    return list;
  }

  /**
   * What Spark reports for the cached shard RDD, against the raw float32 size of the samples:
   * rows × (inputs + outputs) × 4 bytes.
   */
  static Map<String, Object> cacheFigures(JavaSparkContext sc, Samples samples) {
    long raw = (long) samples.rows() * (samples.inputs() + samples.outputs()) * 4L;
    Map<String, Object> o = new LinkedHashMap<>();
    long mem = 0;
    long disk = 0;
    int cachedPartitions = 0;
    String name = null;
    for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
      if (info.name() != null && info.name().startsWith("sparkprop shards")) {
        mem += info.memSize();
        disk += info.diskSize();
        cachedPartitions += info.numCachedPartitions();
        name = info.name();
      }
    }
    o.put("rdd_name", name);
    o.put("cached_partitions", cachedPartitions);
    o.put("mem_bytes", mem);
    o.put("disk_bytes", disk);
    o.put("raw_float32_bytes", raw);
    o.put("ratio", (double) (mem + disk) / raw);
    o.put("storage_memory_used_bytes", storageMemoryUsed(sc));
    o.put("note", "mem_bytes is Spark's size estimate of the cached shard RDD (getRDDStorageInfo);"
        + " storage_memory_used_bytes is all block-manager storage memory in use at that moment,"
        + " which also counts the broadcast copies of the shards the RDD was built from");
    return o;
  }

  /** Storage memory in use across block managers (max − remaining). */
  static long storageMemoryUsed(JavaSparkContext sc) {
    long used = 0;
    for (scala.Tuple2<Object, Object> t : scala.jdk.javaapi.CollectionConverters.asJava(
        sc.sc().getExecutorMemoryStatus()).values()) {
      used += (Long) t._1() - (Long) t._2();
    }
    return used;
  }

  static String layersKey(int[] layers) {
    return String.join(",", Arrays.stream(layers).mapToObj(Integer::toString).toList());
  }
}
