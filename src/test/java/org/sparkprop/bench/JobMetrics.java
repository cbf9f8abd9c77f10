package org.sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Spark's own account of the jobs run under a job group ({@code sc.setJobGroup}): per job, its
 * tasks' run time, deserialization time and result size from the task metrics.
 */
final class JobMetrics extends SparkListener {

  /**
   * One finished job: {@code maxRunMs} is the longest task's run time (the job's critical path
   * through the executors), {@code sumRunMs} all its tasks' run time.
   */
  record Job(int id, String group, int tasks, long maxRunMs, long sumRunMs,
      long maxDeserializeMs, long maxResultBytes) {}

  private static final class Running {
    final String group;
    int tasks;
    long maxRun;
    long sumRun;
    long maxDeserialize;
    long maxResult;

    Running(String group) {
      this.group = group;
    }
  }

  private final Map<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();
  private final List<Job> done = new ArrayList<>();

  /** A new listener added to {@code sc}. */
  static JobMetrics attach(JavaSparkContext sc) {
    JobMetrics metrics = new JobMetrics();
    sc.sc().addSparkListener(metrics);
    return metrics;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    Properties p = start.properties();
    String group = p == null ? null : p.getProperty("spark.jobGroup.id");
    if (group == null) {
      return;
    }
    running.put(start.jobId(), new Running(group));
    for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
      jobOfStage.put((Integer) stage, start.jobId());
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    Integer job = jobOfStage.get(end.stageId());
    Running r = job == null ? null : running.get(job);
    TaskMetrics m = end.taskMetrics();
    if (r == null || m == null) {
      return;
    }
    synchronized (r) {
      r.tasks++;
      r.maxRun = Math.max(r.maxRun, m.executorRunTime());
      r.sumRun += m.executorRunTime();
      r.maxDeserialize = Math.max(r.maxDeserialize, m.executorDeserializeTime());
      r.maxResult = Math.max(r.maxResult, m.resultSize());
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    Running r = running.remove(end.jobId());
    if (r == null) {
      return;
    }
    synchronized (r) {
      synchronized (done) {
        done.add(new Job(end.jobId(), r.group, r.tasks, r.maxRun, r.sumRun, r.maxDeserialize,
            r.maxResult));
      }
    }
  }

  /**
   * The finished jobs of {@code group} in the order they ran, once there are {@code expected} of
   * them (Spark's listener bus delivers events asynchronously).
   *
   * @throws IllegalStateException when they have not all arrived within a minute
   */
  List<Job> jobs(String group, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      List<Job> found = new ArrayList<>();
      synchronized (done) {
        for (Job j : done) {
          if (j.group().equals(group)) {
            found.add(j);
          }
        }
      }
      if (found.size() >= expected) {
        found.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("job group " + group + ": " + found.size() + " of "
            + expected + " jobs reported after a minute");
      }
      Thread.sleep(50);
    }
  }
}
