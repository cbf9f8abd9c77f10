package org.sparkprop.train;

/** Why a training run ended. */
public enum StopReason {
  /** The maximum number of epochs (iterations, for L-BFGS) was reached. */
  EPOCHS,
  /** The relative change of the training loss between epochs fell to tol or below. */
  TOLERANCE,
  /** The validation loss did not improve for {@code patience} epochs. */
  EARLY_STOPPING,
  /** The gradient vanished (L-BFGS): Θ is a stationary point. */
  CONVERGED,
  /** L-BFGS found no decrease along its direction nor along −∇q (float precision reached). */
  LINE_SEARCH_FAILED,
  /** The loss or the gradient became NaN or infinite. */
  DIVERGED;

  /** The lower-case name used in summaries. */
  public String label() {
    return name().toLowerCase();
  }
}
