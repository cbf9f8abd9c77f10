package org.sparkprop.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The mean cost of the updates numbered {@code from} to {@code to} (inclusive) of a run:
 * milliseconds per update of wall time, of the longest task's compute and Θ-read time, of Spark's
 * cost (wall minus compute; also its median), the bytes of Θ's broadcast and of the tasks'
 * results, and the means of Spark's own per-job figures ({@link JobTasks}, NaN where Spark
 * reported none), and for the updates of barrier stages among them ({@code barrierUpdates}) the
 * means of the hub's split of their wall time ({@link UpdateCost#gatherNanos}, {@code addNanos},
 * {@code sendNanos}; NaN without such updates).
 */
public record UpdateCostWindow(String name, int from, int to, int updates, double wallMs,
    double computeMs, double sparkMs, double sparkMedianMs, double readMs,
    double broadcastBytes, double resultBytes, double jobMs, double launchDelayMs,
    double deserializeMs, double runMs, double resultSerializeMs, double gettingResultMs,
    double schedulerDelayMs, int barrierUpdates, double gatherMs, double addMs,
    double sendMs) {

  /**
   * The window over {@code costs} (any order) with Spark's figures from {@code jobs} (by update
   * number; missing updates are left out of those means), or null when no update falls in it.
   */
  public static UpdateCostWindow of(String name, int from, int to, List<UpdateCost> costs,
      Map<Integer, JobTasks> jobs) {
    List<UpdateCost> in = new ArrayList<>();
    for (UpdateCost c : costs) {
      if (c.update() >= from && c.update() <= to) {
        in.add(c);
      }
    }
    if (in.isEmpty()) {
      return null;
    }
    int n = in.size();
    double[] spark = new double[n];
    double wall = 0;
    double compute = 0;
    double read = 0;
    double broadcast = 0;
    for (int i = 0; i < n; i++) {
      UpdateCost c = in.get(i);
      wall += c.wallNanos();
      compute += c.computeNanos();
      read += c.readNanos();
      broadcast += c.broadcastBytes();
      spark[i] = c.sparkNanos() / 1e6;
    }
    Arrays.sort(spark);
    double median = n % 2 == 1 ? spark[n / 2] : (spark[n / 2 - 1] + spark[n / 2]) / 2;
    double[] s = new double[8];
    int m = 0;
    for (UpdateCost c : in) {
      JobTasks j = jobs.get(c.update());
      if (j == null || j.tasks() == 0) {
        continue;
      }
      m++;
      s[0] += j.resultBytes();
      s[1] += j.jobMs();
      s[2] += j.launchDelayMs();
      s[3] += j.deserializeMs();
      s[4] += j.runMs();
      s[5] += j.resultSerializeMs();
      s[6] += j.gettingResultMs();
      s[7] += j.schedulerDelayMs();
    }
    for (int i = 0; i < s.length; i++) {
      s[i] = m == 0 ? Double.NaN : s[i] / m;
    }
    double[] hub = new double[3];
    int b = 0;
    for (UpdateCost c : in) {
      if (c.barrier()) {
        b++;
        hub[0] += c.gatherNanos();
        hub[1] += c.addNanos();
        hub[2] += c.sendNanos();
      }
    }
    for (int i = 0; i < hub.length; i++) {
      hub[i] = b == 0 ? Double.NaN : hub[i] / b / 1e6;
    }
    return new UpdateCostWindow(name, from, to, n, wall / n / 1e6, compute / n / 1e6,
        (wall - compute) / n / 1e6, median, read / n / 1e6, broadcast / n, s[0], s[1], s[2],
        s[3], s[4], s[5], s[6], s[7], b, hub[0], hub[1], hub[2]);
  }
}
