package org.sparkprop.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The cost of every update in a run ({@code --profile}): what the driver measured
 * ({@link UpdateCost}: of an update's own Spark job, or of an update within a barrier stage, as
 * the driver's {@link SumHub} timed it) and what Spark's listener events say of the updates'
 * own jobs ({@link JobTasks}), summed up over
 * windows of updates ({@link UpdateCostWindow}): the first 100 (a fresh JVM's cold code),
 * updates 501–600, the last 100 and all. A {@link SparkGradientSource} records into it only when
 * given one; without it an update costs three clock reads in each task and nothing more.
 */
public final class UpdateCostLog implements AutoCloseable {

  private final JavaSparkContext sc;
  private final UpdateCostListener listener = new UpdateCostListener();
  private final List<UpdateCost> updates = new ArrayList<>();

  private UpdateCostLog(JavaSparkContext sc) {
    this.sc = sc;
    sc.sc().addSparkListener(listener);
  }

  /** A log listening to {@code sc}'s jobs until {@link #close}. */
  public static UpdateCostLog attach(JavaSparkContext sc) {
    return new UpdateCostLog(sc);
  }

  /** The number the next update gets, from 1. */
  synchronized int next() {
    return updates.size() + 1;
  }

  synchronized void add(UpdateCost cost) {
    updates.add(cost);
  }

  /** The updates recorded so far, in order. */
  public synchronized List<UpdateCost> updates() {
    return List.copyOf(updates);
  }

  /**
   * Spark's account of every recorded update that its listener has seen, waiting up to
   * {@code waitMillis} for the listener bus to deliver the last jobs' events.
   */
  public Map<Integer, JobTasks> jobs(long waitMillis) {
    List<UpdateCost> done = updates();
    long deadline = System.currentTimeMillis() + waitMillis;
    long ownJobs = done.stream().filter(c -> !c.barrier()).count();
    while (listener.jobsEnded() < ownJobs && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Map<Integer, JobTasks> jobs = new HashMap<>();
    for (UpdateCost c : done) {
      JobTasks j = listener.job(c.update());
      if (j != null) {
        jobs.put(c.update(), j);
      }
    }
    return jobs;
  }

  /** The standard windows: updates 1–100, 501–600, the last 100 and all (those with updates). */
  public List<UpdateCostWindow> windows() {
    List<UpdateCost> done = updates();
    Map<Integer, JobTasks> jobs = jobs(10_000);
    int n = done.size();
    List<UpdateCostWindow> windows = new ArrayList<>();
    for (UpdateCostWindow w : new UpdateCostWindow[] {
        UpdateCostWindow.of("first100", 1, 100, done, jobs),
        UpdateCostWindow.of("500_600", 501, 600, done, jobs),
        UpdateCostWindow.of("last100", Math.max(1, n - 99), n, done, jobs),
        UpdateCostWindow.of("all", 1, n, done, jobs)}) {
      if (w != null) {
        windows.add(w);
      }
    }
    return windows;
  }

  /**
   * Prints one line per window (milliseconds per update) and one line
   * {@code sparkprop: update-costs.json [...]} with the same figures, for scripts.
   */
  public void print(PrintStream out) {
    List<UpdateCostWindow> windows = windows();
    out.println("sparkprop: cost per update (ms; Spark = wall - longest task's compute;"
        + " Spark's task figures are the longest task's; barrier: updates in barrier stages,"
        + " whose wall the sum hub splits into send (of the last total), gather, add)");
    out.printf(Locale.ROOT, "  %-9s %9s %7s %7s %7s %7s %6s %7s %6s %6s %6s %6s %6s %9s %7s"
            + " %7s %6s %6s%n",
        "updates", "range", "wall", "compute", "spark", "median", "read", "job", "launch",
        "deser", "run", "ser", "sched", "result B", "barrier", "gather", "add", "send");
    StringBuilder json = new StringBuilder("[");
    for (UpdateCostWindow w : windows) {
      out.printf(Locale.ROOT,
          "  %-9s %9s %7.2f %7.2f %7.2f %7.2f %6.2f %7.2f %6.2f %6.2f %6.2f %6.2f %6.2f %9.0f"
              + " %7d %7.2f %6.2f %6.2f%n",
          w.name(), w.from() + "-" + w.to(), w.wallMs(), w.computeMs(), w.sparkMs(),
          w.sparkMedianMs(), w.readMs(), w.jobMs(), w.launchDelayMs(), w.deserializeMs(),
          w.runMs(), w.resultSerializeMs(), w.schedulerDelayMs(), w.resultBytes(),
          w.barrierUpdates(), w.gatherMs(), w.addMs(), w.sendMs());
      json.append(json.length() == 1 ? "" : ", ").append(json(w));
    }
    out.println("sparkprop: update-costs.json " + json.append(']'));
  }

  private static String json(UpdateCostWindow w) {
    return String.format(Locale.ROOT, "{\"window\": \"%s\", \"from\": %d, \"to\": %d,"
            + " \"updates\": %d, \"wall_ms\": %s, \"compute_ms\": %s, \"spark_ms\": %s,"
            + " \"spark_median_ms\": %s, \"read_ms\": %s, \"broadcast_bytes\": %s,"
            + " \"result_bytes\": %s, \"job_ms\": %s, \"launch_delay_ms\": %s,"
            + " \"deserialize_ms\": %s, \"run_ms\": %s, \"result_serialize_ms\": %s,"
            + " \"getting_result_ms\": %s, \"scheduler_delay_ms\": %s,"
            + " \"barrier_updates\": %d, \"hub_gather_ms\": %s, \"hub_add_ms\": %s,"
            + " \"hub_send_ms\": %s}",
        w.name(), w.from(), w.to(), w.updates(), num(w.wallMs()), num(w.computeMs()),
        num(w.sparkMs()), num(w.sparkMedianMs()), num(w.readMs()), num(w.broadcastBytes()),
        num(w.resultBytes()), num(w.jobMs()), num(w.launchDelayMs()), num(w.deserializeMs()),
        num(w.runMs()), num(w.resultSerializeMs()), num(w.gettingResultMs()),
        num(w.schedulerDelayMs()), w.barrierUpdates(), num(w.gatherMs()), num(w.addMs()),
        num(w.sendMs()));
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** Stops listening. */
  @Override
  public void close() {
    sc.sc().removeSparkListener(listener);
  }
}
