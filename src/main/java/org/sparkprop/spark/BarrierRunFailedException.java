package org.sparkprop.spark;

/**
 * A run of batches failed in every barrier stage that was allowed for it: each stage (the first
 * and its reruns from the run's starting state) lost a task, an executor or its links to the
 * driver's sum hub. The cause is the last stage's failure.
 */
public final class BarrierRunFailedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int from;
  private final int to;
  private final int attempts;

  /**
   * @param epoch the run's epoch (from 0)
   * @param from its first batch (from 0)
   * @param to one past its last batch
   * @param attempts the stages that ran it and failed
   */
  public BarrierRunFailedException(int epoch, int from, int to, int attempts, Throwable cause) {
    super("the barrier stage for epoch " + (epoch + 1) + ", batches " + (from + 1) + "-" + to
        + " failed " + attempts + " time" + (attempts == 1 ? "" : "s") + ", the most"
        + " spark.task.maxFailures (" + attempts + ") allows; the last failure: "
        + (cause == null ? "unknown" : cause.getMessage()), cause);
    this.epoch = epoch;
    this.from = from;
    this.to = to;
    this.attempts = attempts;
  }

  /** The run's epoch, from 0. */
  public int epoch() {
    return epoch;
  }

  /** The run's first batch, from 0. */
  public int from() {
    return from;
  }

  /** One past the run's last batch. */
  public int to() {
    return to;
  }

  /** How many stages ran it and failed. */
  public int attempts() {
    return attempts;
  }
}
