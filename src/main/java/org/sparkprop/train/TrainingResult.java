package org.sparkprop.train;

import java.util.List;

/** The outcome of a training run: the final Θ, the per-epoch history and why it stopped. */
public record TrainingResult(float[] theta, List<EpochStats> history, StopReason stopReason,
    long updates, double seconds) {

  /** Number of epochs run. */
  public int epochs() {
    return history.size();
  }
}
