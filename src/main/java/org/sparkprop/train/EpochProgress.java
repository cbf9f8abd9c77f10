package org.sparkprop.train;

/**
 * How far the loop got into the epoch after the finished ones: {@code iteration} batches served
 * and the running sums of their figures, so that a run resumed mid-epoch reports the same epoch
 * figures as one that never stopped. {@link #START}: at the start of an epoch.
 *
 * @param iteration batches of the epoch served (0: none)
 * @param lossSum Σ of the batches' summed losses plus their penalties
 * @param weightSum Σ of the batches' sample weights
 * @param count samples served
 * @param correct samples classified correctly
 * @param lastFinite the mean loss of the last batch with a finite one (NaN: none yet)
 */
public record EpochProgress(int iteration, double lossSum, double weightSum, long count,
    long correct, double lastFinite) {

  /** At the start of an epoch, nothing served. */
  public static final EpochProgress START = new EpochProgress(0, 0, 0, 0, 0, Double.NaN);

  public EpochProgress {
    if (iteration < 0) {
      throw new IllegalArgumentException("EpochProgress: iteration is " + iteration
          + ", must be >= 0");
    }
  }
}
