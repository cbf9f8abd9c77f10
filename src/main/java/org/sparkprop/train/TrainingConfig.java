package org.sparkprop.train;

import org.sparkprop.optim.ClipNorm;
import org.sparkprop.optim.ClipValue;
import org.sparkprop.optim.GroupLasso;
import org.sparkprop.optim.L1Penalty;
import org.sparkprop.optim.L2Penalty;
import org.sparkprop.optim.Schedule;

/**
 * The convergence conditions and gradient controls of the training loop.
 *
 * @param epochs the maximum number of epochs
 * @param tol early stop once the relative change of the epoch training objective
 *     |q_{e−1} − q_e| / |q_{e−1}| is at most tol (0 disables it)
 * @param schedule the multiplier of the learning rate per epoch and step
 * @param l2 λ/2 Σθ² added to the objective, or null
 * @param l1 λ Σ|θ| added to the objective, or null
 * @param clipNorm scales the mean gradient to at most this global norm, or null
 * @param clipValue clamps each gradient entry to [−c, c], or null
 * @param patience with a validation set: stop when its loss has not improved for this many
 *     epochs and restore the best weights (0 disables early stopping)
 * @param curriculumEpochs visit samples easiest first during this many first epochs
 * @param groupLasso λ Σ_units ‖incoming weights‖₂ added to the objective, or null
 */
public record TrainingConfig(int epochs, double tol, Schedule schedule, L2Penalty l2, L1Penalty l1,
    ClipNorm clipNorm, ClipValue clipValue, int patience, int curriculumEpochs,
    GroupLasso groupLasso) implements java.io.Serializable {

  /** Plain settings: no schedule, penalty, clipping, early stopping or curriculum. */
  public TrainingConfig(int epochs, double tol) {
    this(epochs, tol, Schedule.constant(), null, null, null, null, 0, 0);
  }

  /** Without a group penalty. */
  public TrainingConfig(int epochs, double tol, Schedule schedule, L2Penalty l2, L1Penalty l1,
      ClipNorm clipNorm, ClipValue clipValue, int patience, int curriculumEpochs) {
    this(epochs, tol, schedule, l2, l1, clipNorm, clipValue, patience, curriculumEpochs, null);
  }

  public TrainingConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs is " + epochs + "; it must be at least 1");
    }
    if (!(tol >= 0) || Double.isInfinite(tol)) {
      throw new IllegalArgumentException("tol is " + tol + "; it must be a finite number >= 0");
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience is " + patience + "; it must be >= 0");
    }
    if (curriculumEpochs < 0) {
      throw new IllegalArgumentException(
          "curriculumEpochs is " + curriculumEpochs + "; it must be >= 0");
    }
    if (schedule == null) {
      throw new IllegalArgumentException("schedule must not be null");
    }
  }

  /**
   * Adds the penalties' gradients into the mean gradient, clips it, and returns the penalties'
   * value at Θ (to add to the data loss).
   */
  public double regularizeAndClip(float[] theta, float[] gradient) {
    double penalty = 0;
    if (l2 != null) {
      penalty = l2.addTo(penalty, theta, gradient);
    }
    if (l1 != null) {
      penalty = l1.addTo(penalty, theta, gradient);
    }
    if (groupLasso != null) {
      penalty = groupLasso.addTo(penalty, theta, gradient);
    }
    if (clipNorm != null) {
      clipNorm.apply(gradient);
    }
    if (clipValue != null) {
      clipValue.apply(gradient);
    }
    return penalty;
  }
}
