package org.sparkprop.spark;

/**
 * One update's Spark job as the driver saw it: its wall time (from broadcasting Θ to holding the
 * summed gradient), the longest task's compute time and Θ-read time, both measured inside the
 * tasks ({@link org.sparkprop.train.GradientSum#taskTimes}), and the bytes of Θ's broadcast.
 * What is not the critical task's arithmetic is Spark's cost of the update.
 *
 * @param update the update's number in the run, from 1
 */
public record UpdateCost(int update, long wallNanos, long computeNanos, long readNanos,
    long broadcastBytes) {

  /** Spark's cost of the update: its wall time minus the longest task's compute time. */
  public long sparkNanos() {
    return wallNanos - computeNanos;
  }
}
