package org.sparkprop.train;

/** Why a training run ended. */
public enum StopReason {
  /** The maximum number of epochs was reached. */
  EPOCHS,
  /** The relative change of the training loss between epochs fell to tol or below. */
  TOLERANCE,
  /** The loss became NaN or infinite. */
  DIVERGED;

  /** The lower-case name used in summaries. */
  public String label() {
    return name().toLowerCase();
  }
}
