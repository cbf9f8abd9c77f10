package org.sparkprop.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkprop.spark.UpdateSteps;
import org.sparkprop.train.Samples;

/**
 * The parts of an update besides its arithmetic, on the session's executors, through the update's
 * own classes ({@link UpdateSteps}): medians of {@code n} calls of each step after
 * {@code warmup}, the steps taken in turn so that a change of the machine's load touches all
 * alike.
 * <ul>
 *   <li>launch/scheduling: a job whose tasks add nothing (scheduling, launching the tasks,
 *       shipping them and their empty results);
 *   <li>broadcast: creating Θ's broadcast on the driver (the part on the update's path outside
 *       the tasks; reading it inside a task counts in the task's run time);
 *   <li>aggregation: a job whose tasks return a gradient-sized sum, minus the empty job
 *       (serializing, shipping and adding the partial sums on the driver).
 * </ul>
 */
final class UpdateSplit {

  private static final String[] STEPS = {"empty_job", "broadcast", "result_job",
      "update_without_arithmetic"};

  private UpdateSplit() {}

  static Map<String, Object> measure(JavaSparkContext sc, float[] theta, int partitions,
      int depth, int warmup, int n) throws Exception {
    int rows = 2 * partitions;
    Samples tiny = new Samples(new float[rows * SyntheticShards.INPUTS],
        new float[rows * SyntheticShards.CLASSES], rows, SyntheticShards.INPUTS,
        SyntheticShards.CLASSES);
    double[][] ms = new double[STEPS.length][n];
    try (UpdateSteps steps = new UpdateSteps(sc, tiny, partitions, theta, depth)) {
      for (int i = -warmup; i < n; i++) {
        for (int s = 0; s < STEPS.length; s++) {
          long t0 = System.nanoTime();
          switch (s) {
            case 0 -> steps.emptyJob();
            case 1 -> steps.broadcast();
            case 2 -> steps.resultJob();
            default -> steps.updateWithoutArithmetic();
          }
          if (i >= 0) {
            ms[s][i] = (System.nanoTime() - t0) / 1e6;
          }
        }
      }
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("partitions", partitions);
    o.put("tree_depth", depth);
    o.put("theta_bytes", 4L * theta.length);
    o.put("calls", n);
    for (int s = 0; s < STEPS.length; s++) {
      o.put(STEPS[s] + "_ms", Median.of(ms[s]));
    }
    double empty = Median.of(ms[0]);
    o.put("launch_scheduling_ms", empty);
    o.put("broadcast_ms", Median.of(ms[1]));
    o.put("aggregation_ms", Median.of(ms[2]) - empty);
    o.put("broadcast_with_task_reads_ms", Median.of(ms[3]) - Median.of(ms[2]));
    System.err.printf(Locale.ROOT, "  P=%d: empty job %.2f ms, broadcast %.2f ms, result job %.2f"
            + " ms, update without arithmetic %.2f ms%n", partitions, empty, Median.of(ms[1]),
        Median.of(ms[2]), Median.of(ms[3]));
    return o;
  }
}
