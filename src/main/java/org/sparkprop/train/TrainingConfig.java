package org.sparkprop.train;

/**
 * The convergence conditions of the training loop: at most {@code epochs} epochs, and an early
 * stop once the relative change of the epoch training loss |q_{e−1} − q_e| / |q_{e−1}| is at most
 * {@code tol} (0 disables it).
 */
public record TrainingConfig(int epochs, double tol) {

  public TrainingConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs is " + epochs + "; it must be at least 1");
    }
    if (!(tol >= 0) || Double.isInfinite(tol)) {
      throw new IllegalArgumentException("tol is " + tol + "; it must be a finite number >= 0");
    }
  }
}
