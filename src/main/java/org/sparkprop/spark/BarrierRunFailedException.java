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
  private final int epochs;
  private final int attempts;

  /**
   * A run within one epoch.
   *
   * @param epoch the run's epoch (from 0)
   * @param from its first batch (from 0)
   * @param to one past its last batch
   * @param attempts the stages that ran it and failed
   */
  public BarrierRunFailedException(int epoch, int from, int to, int attempts, Throwable cause) {
    this(epoch, from, to, 1, attempts, cause);
  }

  /**
   * A run from batch {@code from} of epoch {@code epoch} to batch {@code to} of epoch
   * {@code epoch + epochs − 1} at most.
   *
   * @param epoch the run's first epoch (from 0)
   * @param from its first batch (from 0)
   * @param to one past its last batch in its last epoch (the batches of an epoch, when it
   *     reaches into more than one)
   * @param epochs how many epochs it reaches into, at least 1
   * @param attempts the stages that ran it and failed
   */
  public BarrierRunFailedException(int epoch, int from, int to, int epochs, int attempts,
      Throwable cause) {
    super("the barrier stage for " + describe(epoch, from, to, epochs) + " failed " + attempts
        + " time" + (attempts == 1 ? "" : "s") + ", the most spark.task.maxFailures ("
        + attempts + ") allows; the last failure: "
        + (cause == null ? "unknown" : cause.getMessage()), cause);
    this.epoch = epoch;
    this.from = from;
    this.to = to;
    this.epochs = epochs;
    this.attempts = attempts;
  }

  /** A run's batches in words: "epoch 3, batches 1-12" or "epochs 3-25 (from batch 5 of 12)". */
  static String describe(int epoch, int from, int to, int epochs) {
    return epochs <= 1 ? "epoch " + (epoch + 1) + ", batches " + (from + 1) + "-" + to
        : "epochs " + (epoch + 1) + "-" + (epoch + epochs) + " (from batch " + (from + 1)
            + " of " + to + ")";
  }

  /** How many epochs the run reached into at most (1: only {@link #epoch}). */
  public int epochs() {
    return epochs;
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
