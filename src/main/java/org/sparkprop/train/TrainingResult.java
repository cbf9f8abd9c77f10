package org.sparkprop.train;

import java.util.List;

/**
 * The outcome of a training run: the final Θ (the best epoch's when early stopping restored it),
 * the per-epoch history, why it stopped, the best validation epoch (0 without early stopping),
 * and where it diverged (null unless it did).
 */
public record TrainingResult(float[] theta, List<EpochStats> history, StopReason stopReason,
    long updates, double seconds, int bestEpoch, Divergence divergence) {

  /** Number of epochs run. */
  public int epochs() {
    return history.size();
  }
}
