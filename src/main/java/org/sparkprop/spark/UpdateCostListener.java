package org.sparkprop.spark;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Collects {@link JobTasks} for the jobs that carry an update number in the local property
 * {@link #UPDATE} (set by {@link SparkGradientSource} while it records costs). Spark's listener
 * bus calls it on one thread, after the events happened; the driver reads it at the end.
 */
final class UpdateCostListener extends SparkListener {

  /** The local property naming the update a job computes. */
  static final String UPDATE = "sparkprop.update";

  private final Map<Integer, Integer> updateOfJob = new ConcurrentHashMap<>();
  private final Map<Integer, Long> jobStart = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> updateOfStage = new ConcurrentHashMap<>();
  private final Map<Integer, Long> stageSubmitted = new ConcurrentHashMap<>();
  private final Map<Integer, JobTasks> byUpdate = new ConcurrentHashMap<>();
  private final AtomicInteger jobsEnded = new AtomicInteger();

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    Properties p = start.properties();
    String update = p == null ? null : p.getProperty(UPDATE);
    if (update == null) {
      return;
    }
    int u = Integer.parseInt(update);
    updateOfJob.put(start.jobId(), u);
    jobStart.put(start.jobId(), start.time());
    byUpdate.put(u, JobTasks.NONE);
    for (Object stage : CollectionConverters.asJava(start.stageIds())) {
      updateOfStage.put((Integer) stage, u);
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    int stage = submitted.stageInfo().stageId();
    if (updateOfStage.containsKey(stage)) {
      scala.Option<Object> at = submitted.stageInfo().submissionTime();
      stageSubmitted.put(stage, at.isDefined() ? (Long) at.get() : -1L);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    Integer u = updateOfStage.get(end.stageId());
    TaskMetrics m = end.taskMetrics();
    TaskInfo info = end.taskInfo();
    if (u == null || m == null || info == null) {
      return;
    }
    long submittedAt = stageSubmitted.getOrDefault(end.stageId(), -1L);
    long launchDelay = submittedAt < 0 ? 0 : Math.max(0, info.launchTime() - submittedAt);
    long getting = info.gettingResultTime() > 0
        ? Math.max(0, info.finishTime() - info.gettingResultTime()) : 0;
    long duration = info.finishTime() - info.launchTime();
    long delay = JobTasks.schedulerDelay(duration, m.executorDeserializeTime(),
        m.executorRunTime(), m.resultSerializationTime(), getting);
    byUpdate.computeIfPresent(u, (k, job) -> job.withTask(launchDelay,
        m.executorDeserializeTime(), m.executorRunTime(), m.resultSerializationTime(), getting,
        delay, m.resultSize()));
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    Integer u = updateOfJob.remove(end.jobId());
    if (u == null) {
      return;
    }
    long start = jobStart.remove(end.jobId());
    byUpdate.computeIfPresent(u, (k, job) -> job.withJobMs(end.time() - start));
    updateOfStage.entrySet().removeIf(e -> {
      boolean ours = e.getValue().equals(u);
      if (ours) {
        stageSubmitted.remove(e.getKey());
      }
      return ours;
    });
    jobsEnded.incrementAndGet();
  }

  /** How many recorded jobs have ended so far. */
  int jobsEnded() {
    return jobsEnded.get();
  }

  /** Spark's account of update {@code u}'s job, or null when none was recorded. */
  JobTasks job(int u) {
    return byUpdate.get(u);
  }
}
