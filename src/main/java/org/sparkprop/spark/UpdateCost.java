package org.sparkprop.spark;

/**
 * One update as the driver saw it: its wall time, the longest task's compute time and Θ-read
 * time, both measured inside the tasks ({@link org.sparkprop.train.GradientSum#taskTimes}), and
 * the bytes of Θ's broadcast. What is not the critical task's arithmetic is Spark's cost of the
 * update.
 *
 * <p>With one Spark job per update the wall time runs from broadcasting Θ to holding the summed
 * gradient. In a barrier stage ({@code barrier}) the driver's {@link SumHub} times it
 * ({@link SumHub.Timing}): from the last total being ready to send (the stage's submission, for
 * a stage's first update) to this one being ready; the compute is the longest task's step of the
 * last total and share of this batch; {@code sendNanos}, {@code gatherNanos} and
 * {@code addNanos} split the wall time into the last total's encoding and sending, the hub's
 * wait for every sum (and their decoding), and their addition. There is no Θ to read or
 * broadcast.
 *
 * @param update the update's number in the run, from 1
 */
public record UpdateCost(int update, long wallNanos, long computeNanos, long readNanos,
    long broadcastBytes, boolean barrier, long gatherNanos, long addNanos, long sendNanos) {

  /** An update of its own Spark job. */
  public UpdateCost(int update, long wallNanos, long computeNanos, long readNanos,
      long broadcastBytes) {
    this(update, wallNanos, computeNanos, readNanos, broadcastBytes, false, 0, 0, 0);
  }

  /** An update of a barrier stage, as the hub timed it. */
  static UpdateCost barrier(int update, SumHub.Timing t) {
    return new UpdateCost(update, t.wall(), t.compute(), 0, 0, true, t.gather(), t.add(),
        t.send());
  }

  /** Spark's cost of the update: its wall time minus the longest task's compute time. */
  public long sparkNanos() {
    return wallNanos - computeNanos;
  }
}
