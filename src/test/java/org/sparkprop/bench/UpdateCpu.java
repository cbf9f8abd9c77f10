package org.sparkprop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.spark.SessionDefaults;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.train.Samples;

/**
 * Where the CPU of an update goes (not part of scripts/bench's figures):
 * {@code scripts/bench --main UpdateCpu [ROUNDS] [UPDATES] [BATCH] [LAYERS]}. Runs gradient
 * calls of LAYERS (784,256,128,10 by default, or 784,128,10) on the bench's session settings and
 * prints, per round of updates, the wall time, the process CPU time, garbage collection and JIT
 * compilation per update, and for the last round the CPU per update of every thread group (task
 * threads, Spark's scheduler threads, ...) and Spark's own per-task account (deserializing,
 * running, serializing the result).
 */
public final class UpdateCpu {

  private UpdateCpu() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(System.getProperty("bench.root", "."), "data", "fashion-mnist");
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    BenchModel model = BenchModel.create(args.length > 3 ? args[3] : FashionBench.LARGE);
    SparkSession spark = LocalSession.start(SessionDefaults.applyTo(new SparkConf()),
        "sparkprop-update-cpu");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Samples train = FashionData.load(data).train();
    float[] theta = model.theta();
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // Spark's own account of each task's CPU: deserializing it, running it, serializing its result.
    LongAdder tasks = new LongAdder();
    LongAdder deserializeCpu = new LongAdder();
    LongAdder runCpu = new LongAdder();
    LongAdder resultSerialization = new LongAdder();
    sc.sc().addSparkListener(new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics m = end.taskMetrics();
        tasks.increment();
        deserializeCpu.add(m.executorDeserializeCpuTime());
        runCpu.add(m.executorCpuTime());
        resultSerialization.add(m.resultSerializationTime());
      }
    });
    try (SparkGradientSource source = model.source(sc, train, batch)) {
      int updates = source.plan().iterations(train.rows());
      for (int round = 0; round < rounds; round++) {
        if (round == rounds - 1) {
          tasks.reset();
          deserializeCpu.reset();
          runCpu.reset();
          resultSerialization.reset();
        }
        Map<String, Long> before = threadCpu(threads);
        long gcs = -gcCount();
        long jit = -ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long cpu = -os.getProcessCpuTime();
        long wall = -System.nanoTime();
        for (int i = 0; i < n; i++) {
          source.gradient(theta, 0, i % updates);
        }
        wall += System.nanoTime();
        cpu += os.getProcessCpuTime();
        jit += ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        gcs += gcCount();
        System.out.printf(Locale.ROOT, "round %d (%d updates at batch %d): wall %.2f ms, process"
                + " CPU %.2f ms, JIT compilation %.2f ms per update; %d collections%n",
            round + 1, n, batch, wall / 1e6 / n, cpu / 1e6 / n, (double) jit / n, gcs);
        if (round == rounds - 1) {
          Map<String, Long> after = threadCpu(threads);
          List<Map.Entry<String, Long>> used = new ArrayList<>();
          after.forEach((name, ns) -> used.add(Map.entry(name, ns - before.getOrDefault(name, 0L))));
          used.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
          for (Map.Entry<String, Long> e : used.subList(0, Math.min(12, used.size()))) {
            System.out.printf(Locale.ROOT, "  %7.3f ms CPU per update  %s%n",
                e.getValue() / 1e6 / n, e.getKey());
          }
          Thread.sleep(500); // the listener bus delivers task ends asynchronously
          long k = Math.max(1, tasks.sum());
          System.out.printf(Locale.ROOT, "  per task (Spark's metrics, %d tasks): deserializing"
                  + " %.3f ms CPU, running %.3f ms CPU, serializing the result %.3f ms%n",
              tasks.sum(), deserializeCpu.sum() / 1e6 / k, runCpu.sum() / 1e6 / k,
              (double) resultSerialization.sum() / k);
        }
      }
    }
    spark.stop();
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(gc -> gc.getCollectionCount()).sum();
  }

  /** CPU nanoseconds of the live threads, by name with numbers folded (one entry per pool). */
  private static Map<String, Long> threadCpu(ThreadMXBean threads) {
    Map<String, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      long ns = threads.getThreadCpuTime(id);
      if (info != null && ns > 0) {
        cpu.merge(info.getThreadName().replaceAll("[0-9]+", "N"), ns, Long::sum);
      }
    }
    return cpu;
  }
}
