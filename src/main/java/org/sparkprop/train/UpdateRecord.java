package org.sparkprop.train;

import java.io.Serializable;

/**
 * What one batch did to the loop (its figures for the epoch's progress), wherever its update ran:
 * skipped (no sample or no weight), diverged (non-finite loss or gradient: Θ left as it was) or
 * updated.
 *
 * @param kind what happened
 * @param loss the batch's summed loss plus its penalties times its weight (0 when skipped)
 * @param weight Σ_n w_n of the batch's samples (0 when skipped)
 * @param count samples served
 * @param correct samples classified correctly
 * @param meanLoss the batch's mean data loss when updated, else NaN
 */
public record UpdateRecord(Kind kind, double loss, double weight, long count, long correct,
    double meanLoss) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What a batch did. */
  public enum Kind { SKIPPED, DIVERGED, UPDATED }

  /** A batch without samples or weight: no update. */
  public static final UpdateRecord SKIPPED = new UpdateRecord(Kind.SKIPPED, 0, 0, 0, 0,
      Double.NaN);

  public UpdateRecord {
    if (kind == null) {
      throw new IllegalArgumentException("UpdateRecord: kind must not be null");
    }
  }
}
