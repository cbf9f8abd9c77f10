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
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.train.Samples;

/**
 * Spark's overhead per update against the number of executors (part of {@code scripts/scale}):
 * {@code ExecutorOverhead OUT.json MAX_EXECUTORS [key=value Spark settings...]}. For N = 1 to
 * MAX_EXECUTORS, a session on {@code local-cluster[N,1,1024]} (N executor JVMs of one core and
 * 1 GiB) runs updates of 784-256-128-10 with one row per partition, N partitions and tree depth 2
 * ({@link SparkOverhead#grid}: the Spark call minus the same call in memory), and
 * {@link UpdateSplit}'s probes. The machine's cores are shared by every executor and the driver.
 */
public final class ExecutorOverhead {

  static final int DEPTH = 2;

  private ExecutorOverhead() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ExecutorOverhead OUT.json MAX_EXECUTORS [key=value...]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int max = Integer.parseInt(args[1]);
    String[] settings = Arrays.copyOfRange(args, 2, args.length);
    BenchModel model = BenchModel.create();
    Samples tiny = randomRows(64);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("network", FashionBench.LARGE);
    root.put("parameters", model.network().parameterCount());
    root.put("tree_depth", DEPTH);
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("load_average_at_start", FashionBench.loadAverage());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int n = 1; n <= max; n++) {
      String master = "local-cluster[" + n + ",1,1024]";
      System.err.printf(Locale.ROOT, "%s ...%n", master);
      SparkSession spark = ClusterSession.start(master, n, "sparkprop-overhead-" + n, settings);
      try {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("executors", n);
        row.put("master", master);
        Map<String, Object> grid = SparkOverhead.grid(sc, model.config(), tiny, new int[] {n},
            new int[] {DEPTH}, 60, 60, true);
        Map<String, Object> point = FashionBench.asMap(((List<?>) grid.get("grid")).get(0));
        row.put("overhead_ms", point.get("overhead_ms"));
        row.put("spark_call_median_ms",
            FashionBench.asMap(point.get("spark_call")).get("median_ms"));
        row.put("in_memory_call_median_ms",
            FashionBench.asMap(point.get("in_memory_call")).get("median_ms"));
        row.put("grid", point);
        row.put("update_split_probes",
            UpdateSplit.measure(sc, model.theta(), n, DEPTH, 20, 30));
        row.put("load_average", FashionBench.loadAverage());
        rows.add(row);
      } finally {
        spark.stop();
      }
      // Written after every point: on a loaded machine a run may be cut short.
      root.put("by_executors", rows);
      root.put("load_average_at_end", FashionBench.loadAverage());
      write(root, out);
    }
  }

  private static void write(Map<String, Object> root, Path out) throws java.io.IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(),
        Report.sanitize(root));
  }

  /** {@code rows} rows of Fashion-MNIST's shape with random values, on the driver (tiny). */
  private static Samples randomRows(int rows) {
    SplittableRandom random = new SplittableRandom(1);
    float[] x = new float[rows * SyntheticShards.INPUTS];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    float[] t = new float[rows * SyntheticShards.CLASSES];
    for (int r = 0; r < rows; r++) {
      t[r * SyntheticShards.CLASSES + random.nextInt(SyntheticShards.CLASSES)] = 1f;
    }
    return new Samples(x, t, rows, SyntheticShards.INPUTS, SyntheticShards.CLASSES);
  }
}
