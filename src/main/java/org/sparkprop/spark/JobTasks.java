package org.sparkprop.spark;

/**
 * Spark's own account of one update's job, from its listener events: how many tasks ran, the
 * job's duration from its start to its end event, and the longest of each part of a task's life
 * (TaskMetrics and TaskInfo, milliseconds) with the result bytes of all tasks.
 *
 * @param launchDelayMs from the stage's submission to the task's launch (locality waits and the
 *     scheduler's round trips to offer the task to an executor)
 * @param schedulerDelayMs the task's time that is none of the others: shipping the task to the
 *     executor and its result back ({@link #schedulerDelay})
 * @param gettingResultMs fetching a result too large to travel inside the status update
 */
public record JobTasks(int tasks, long jobMs, long launchDelayMs, long deserializeMs,
    long runMs, long resultSerializeMs, long gettingResultMs, long schedulerDelayMs,
    long resultBytes) {

  /**
   * Spark UI's scheduler delay: a task's duration from launch to finish, less what the executor
   * spent deserializing, running and serializing it and what the driver spent fetching its
   * result; never below 0.
   */
  public static long schedulerDelay(long durationMs, long deserializeMs, long runMs,
      long resultSerializeMs, long gettingResultMs) {
    return Math.max(0,
        durationMs - deserializeMs - runMs - resultSerializeMs - gettingResultMs);
  }

  /** The job with one more task: maxima of the times, the result bytes added. */
  JobTasks withTask(long launchDelay, long deserialize, long run, long resultSerialize,
      long gettingResult, long schedulerDelay, long bytes) {
    return new JobTasks(tasks + 1, jobMs, Math.max(launchDelayMs, launchDelay),
        Math.max(deserializeMs, deserialize), Math.max(runMs, run),
        Math.max(resultSerializeMs, resultSerialize), Math.max(gettingResultMs, gettingResult),
        Math.max(schedulerDelayMs, schedulerDelay), resultBytes + bytes);
  }

  /** The same tasks in a job that took {@code ms}. */
  JobTasks withJobMs(long ms) {
    return new JobTasks(tasks, ms, launchDelayMs, deserializeMs, runMs, resultSerializeMs,
        gettingResultMs, schedulerDelayMs, resultBytes);
  }

  static final JobTasks NONE = new JobTasks(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
