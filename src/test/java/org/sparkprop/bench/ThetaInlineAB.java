package org.sparkprop.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Samples;

/**
 * Θ inside the task against Θ as a broadcast, side by side in one application:
 * {@code scripts/bench --main ThetaInlineAB MASTER ROUNDS UPDATES BATCH LAYERS [key=value...]}.
 * MASTER is {@code local[2]} or a standalone master with two one-core executors (whose class
 * path is set to this JVM's class directories); rounds of UPDATES gradient calls alternate
 * between the two ways (after one warm-up round each), with a tiny step between calls as in
 * training, so that the machine's load drifts over both alike. Prints per way the median over
 * rounds of the wall and Spark cost per update ({@link UpdateCostLog}) and of Spark's task
 * figures. The data is the first 8,192 training rows (8 updates per epoch at batch 1024).
 */
public final class ThetaInlineAB {

  private ThetaInlineAB() {}

  public static void main(String[] args) throws Exception {
    String master = args.length > 0 ? args[0] : "local[2]";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
    String layers = args.length > 4 ? args[4] : FashionBench.LARGE;
    String[] settings = args.length > 5 ? Arrays.copyOfRange(args, 5, args.length)
        : new String[0];
    SparkSession spark;
    if (master.startsWith("local[")) {
      spark = LocalSession.start(SessionDefaults.applyTo(new SparkConf())
          .set("spark.master", master), "sparkprop-theta-ab");
    } else {
      List<String> all = new ArrayList<>(executorSettings());
      all.addAll(Arrays.asList(settings));
      spark = ClusterSession.start(master, 2, "sparkprop-theta-ab", all.toArray(new String[0]));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Path data = Path.of(System.getProperty("bench.root", "."), "data", "fashion-mnist");
    // The first 8,192 rows: the same arithmetic per update, shards shipped in seconds.
    Samples train = FashionData.load(data).trainHead(8192);
    BenchModel model = BenchModel.create(layers);
    float[] theta = model.theta();
    String[] names = {"broadcast", "inline"};
    double[][][] figures = new double[2][rounds][];
    try (UpdateCostLog log = UpdateCostLog.attach(sc);
        SparkGradientSource source = new SparkGradientSource(sc, model.network(), train,
            new BatchPlan(2, batch, model.config().seed()), 2).recordCosts(log)) {
      int perEpoch = source.plan().iterations(train.rows());
      int update = 0;
      for (int round = -1; round < rounds; round++) {
        for (int v = 0; v < 2; v++) {
          source.thetaInline(v == 1);
          int from = log.updates().size() + 1;
          for (int i = 0; i < n; i++, update++) {
            GradientSum g = source.gradient(theta, update / perEpoch, update % perEpoch);
            float[] d = g.gradient(theta.length);
            for (int k = 0; k < theta.length; k++) {
              theta[k] -= 1e-7f * d[k];
            }
          }
          if (round >= 0) {
            List<UpdateCost> costs = log.updates();
            Map<Integer, JobTasks> jobs = log.jobs(30_000);
            UpdateCostWindow w = UpdateCostWindow.of(names[v], from, from + n - 1, costs, jobs);
            figures[v][round] = new double[] {w.wallMs(), w.sparkMs(), w.computeMs(),
                w.jobMs(), w.deserializeMs(), w.runMs(), w.schedulerDelayMs(),
                w.launchDelayMs()};
            System.err.printf(Locale.ROOT, "round %d %-9s wall %7.2f spark %7.2f compute %6.2f"
                + " job %6.2f deser %6.2f run %6.2f sched %6.2f launch %6.2f%n", round,
                names[v], figures[v][round][0], figures[v][round][1], figures[v][round][2],
                figures[v][round][3], figures[v][round][4], figures[v][round][5],
                figures[v][round][6], figures[v][round][7]);
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s, %s at batch %d, %d rounds of %d updates each way;"
        + " medians over rounds (ms per update):%n", sc.master(), layers, batch, rounds, n);
    String[] labels = {"wall", "spark", "compute", "job", "deserialize", "run", "sched delay",
        "launch delay"};
    for (int v = 0; v < 2; v++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-9s", names[v]));
      for (int f = 0; f < labels.length; f++) {
        double[] col = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          col[r] = figures[v][r][f];
        }
        line.append(String.format(Locale.ROOT, " %s %.2f", labels[f], Median.of(col)));
      }
      System.out.println(line);
    }
    StringBuilder ratios = new StringBuilder("  inline / broadcast, round by round (spark):");
    for (int r = 0; r < rounds; r++) {
      ratios.append(String.format(Locale.ROOT, " %.2f", figures[1][r][1] / figures[0][r][1]));
    }
    System.out.println(ratios);
    spark.stop();
  }

  /** The executors' class path (this JVM's class directories) and JVM options. */
  private static List<String> executorSettings() {
    List<String> dirs = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (new java.io.File(e).isDirectory()) {
        dirs.add(e);
      }
    }
    List<String> opts = new ArrayList<>();
    for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean()
        .getInputArguments()) {
      if (a.startsWith("-XX:") || a.startsWith("--add-") || a.startsWith("-Dio.netty")) {
        opts.add(a);
      }
    }
    return List.of("spark.executor.extraClassPath=" + String.join(":", dirs),
        "spark.executor.extraJavaOptions=" + String.join(" ", opts),
        "spark.executorEnv.OPENBLAS_NUM_THREADS=1", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
        "spark.executor.memory=1g", "spark.executor.cores=1");
  }
}
