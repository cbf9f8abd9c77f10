package org.sparkprop.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.SessionDefaults;
import org.sparkprop.spark.ShardRdd;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;

/**
 * Investigates where Spark's per-update time goes (not part of scripts/bench's figures):
 * {@code scripts/bench --main OverheadProbe DATA_DIR [N] [key=value Spark confs...]}. Times
 * trivial jobs and the gradient job many times and, through a listener, splits the gradient
 * job into the task phases Spark records (deserialization, run, result serialization,
 * scheduler delay).
 */
public final class OverheadProbe {

  private OverheadProbe() {}

  record TaskRecord(long launch, long finish, long deserialize, long run, long resultSer,
      long resultSize, long gettingResult) {}

  public static void main(String[] args) throws Exception {
    FashionData data = FashionData.load(Path.of(args[0]));
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    SparkConf conf = SessionDefaults.applyTo(new SparkConf());
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      conf.set(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    SparkSession spark = LocalSession.start(conf, "probe");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ConcurrentLinkedQueue<TaskRecord> tasks = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<long[]> jobs = new ConcurrentLinkedQueue<>();
    Map<Integer, Long> jobStarts = new java.util.concurrent.ConcurrentHashMap<>();
    sc.sc().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart e) {
        jobStarts.put(e.jobId(), e.time());
      }

      @Override
      public void onJobEnd(SparkListenerJobEnd e) {
        Long s = jobStarts.remove(e.jobId());
        if (s != null) {
          jobs.add(new long[] {s, e.time()});
        }
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd e) {
        var m = e.taskMetrics();
        var info = e.taskInfo();
        tasks.add(new TaskRecord(info.launchTime(), info.finishTime(),
            m.executorDeserializeTime(), m.executorRunTime(), m.resultSerializationTime(),
            m.resultSize(), info.gettingResultTime()));
      }
    });

    Samples head = data.trainHead(8192);
    BenchModel model = BenchModel.create();
    Network network = model.network();
    float[] theta = model.theta();
    int size = network.parameterCount();
    try (ShardRdd packed = ShardRdd.fromSamples(sc, head, 2)) {
      JavaRDD<Shard> rdd = packed.rdd();
      JavaRDD<Integer> tiny = sc.parallelize(List.of(1, 2), 2);
      report("parallelize(2 ints, 2).count()", n, i -> tiny.count(), tasks, jobs);
      JavaRDD<Integer> one = sc.parallelize(List.of(1), 1);
      report("parallelize(1 int, 1).count()", n, i -> one.count(), tasks, jobs);
      report("cached shards count()", n, i -> rdd.count(), tasks, jobs);
      report("cached shards treeAggregate(long, depth 2)", n,
          i -> rdd.treeAggregate(0L, (a, s) -> a + s.rows(), Long::sum, 2), tasks, jobs);
      report("cached shards aggregate(long) (no tree)", n,
          i -> rdd.aggregate(0L, (a, s) -> a + s.rows(), Long::sum), tasks, jobs);
      report("broadcast theta + destroy (no job)", n, i -> sc.broadcast(theta).destroy(), tasks,
          jobs);
      report("result: GradientSum of |theta| per task, treeAggregate depth 2", n,
          i -> rdd.treeAggregate(new GradientSum(), (sum, s) -> {
            sum.gradient(size);
            return sum;
          }, GradientSum::merge, 2), tasks, jobs);
      report("result: float[|theta|] per task via map().reduce()", n,
          i -> rdd.map(s -> new float[size]).reduce((a, b) -> a), tasks, jobs);
      report("broadcast + read in task + destroy, tiny result", n, i -> {
        Broadcast<float[]> bc = sc.broadcast(theta);
        rdd.treeAggregate(0L, (a, s) -> a + bc.value().length, Long::sum, 2);
        bc.destroy();
      }, tasks, jobs);
    }
    // Interleaved A/B of the ways an update's job could be shaped (gradient-sized results,
    // no arithmetic), so that the machine's load drifts over all of them alike.
    try (ShardRdd packed = ShardRdd.fromSamples(sc, head, 2)) {
      JavaRDD<Shard> rdd = packed.rdd();
      String[] names = {
          "broadcast + treeAggregate depth 2 (as now)",
          "broadcast + treeAggregate depth 1",
          "broadcast + aggregate",
          "theta in the closure + aggregate (no broadcast)",
          "theta in the closure + treeAggregate depth 2"};
      double[][] ms = new double[names.length][n];
      for (int round = -Math.max(5, n / 5); round < n; round++) {
        for (int v = 0; v < names.length; v++) {
          long t0 = System.nanoTime();
          switch (v) {
            case 0, 1, 2 -> {
              Broadcast<float[]> bc = sc.broadcast(theta);
              org.apache.spark.api.java.function.Function2<GradientSum, Shard, GradientSum> seq =
                  (sum, sh) -> {
                    sum.gradient(bc.value().length);
                    sum.addStatistics(0, 1, 0);
                    return sum;
                  };
              if (v == 2) {
                rdd.aggregate(new GradientSum(), seq, GradientSum::merge);
              } else {
                rdd.treeAggregate(new GradientSum(), seq, GradientSum::merge, v == 0 ? 2 : 1);
              }
              bc.destroy();
            }
            default -> {
              float[] th = theta;
              org.apache.spark.api.java.function.Function2<GradientSum, Shard, GradientSum> seq =
                  (sum, sh) -> {
                    sum.gradient(th.length);
                    sum.addStatistics(0, 1, 0);
                    return sum;
                  };
              if (v == 3) {
                rdd.aggregate(new GradientSum(), seq, GradientSum::merge);
              } else {
                rdd.treeAggregate(new GradientSum(), seq, GradientSum::merge, 2);
              }
            }
          }
          if (round >= 0) {
            ms[v][round] = (System.nanoTime() - t0) / 1e6;
          }
        }
      }
      tasks.clear();
      jobs.clear();
      for (int v = 0; v < names.length; v++) {
        double[] sorted = ms[v].clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "A/B %-50s mean %6.2f  p10 %6.2f  median %6.2f ms%n",
            names[v], java.util.Arrays.stream(ms[v]).average().orElse(0), sorted[n / 10],
            sorted[n / 2]);
      }
    }
    BatchPlan plan = new BatchPlan(2, 2, 1);
    try (SparkGradientSource source = new SparkGradientSource(sc, network, head, plan, 2)) {
      report("SparkGradientSource.gradient, 2 rows, depth 2", n,
          i -> source.gradient(theta, 0, i % 4000), tasks, jobs);
    }
    try (SparkGradientSource source = new SparkGradientSource(sc, network, head, plan, 1)) {
      report("SparkGradientSource.gradient, 2 rows, depth 1", n,
          i -> source.gradient(theta, 0, i % 4000), tasks, jobs);
    }
    spark.stop();
  }

  private static void report(String what, int n, SparkOverhead.Op op,
      ConcurrentLinkedQueue<TaskRecord> tasks, ConcurrentLinkedQueue<long[]> jobs)
      throws Exception {
    double[] ms = SparkOverhead.time(Math.max(5, n / 5), n, op);
    Thread.sleep(300); // let the listener bus drain
    List<TaskRecord> t = new ArrayList<>(tasks);
    List<long[]> j = new ArrayList<>(jobs);
    tasks.clear();
    jobs.clear();
    // Only the timed calls' tasks: the last ones recorded.
    double[] sorted = ms.clone();
    java.util.Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-62s wall mean %6.2f  p10 %6.2f  median %6.2f ms",
        what, java.util.Arrays.stream(ms).average().orElse(0), sorted[n / 10], sorted[n / 2]);
    if (!t.isEmpty()) {
      int k = Math.min(t.size(), 2 * n);
      List<TaskRecord> last = t.subList(t.size() - k, t.size());
      System.out.printf(Locale.ROOT, " | %d tasks: task wall %.2f deser %.2f run %.2f resultSer %.2f ms, result %d B",
          last.size(), last.stream().mapToLong(r -> r.finish() - r.launch()).average().orElse(0),
          last.stream().mapToLong(TaskRecord::deserialize).average().orElse(0),
          last.stream().mapToLong(TaskRecord::run).average().orElse(0),
          last.stream().mapToLong(TaskRecord::resultSer).average().orElse(0),
          (long) last.stream().mapToLong(TaskRecord::resultSize).average().orElse(0));
    }
    if (!j.isEmpty()) {
      int k = Math.min(j.size(), n);
      List<long[]> last = j.subList(j.size() - k, j.size());
      System.out.printf(Locale.ROOT, " | job start->end %.2f ms (%d jobs/call)",
          last.stream().mapToLong(r -> r[1] - r[0]).average().orElse(0),
          Math.round((double) j.size() / (n + Math.max(5, n / 5))));
    }
    System.out.println();
    Collections.emptyList();
  }
}
