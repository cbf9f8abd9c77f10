package org.sparkprop.optim;

import java.io.Serializable;

/** What an optimizer carries from one step to the next (nothing, for plain gradient descent). */
public interface OptimizerState extends Serializable {

  /** How many steps have been applied. */
  long step();

  /**
   * The state's arrays (moments aligned with Θ), live and in a fixed order, so that a checkpoint
   * can save them and a resumed run can write them back in place.
   */
  java.util.List<float[]> arrays();

  /** Sets the step count, when a resumed run restores a checkpoint. */
  void restoreStep(long step);
}
