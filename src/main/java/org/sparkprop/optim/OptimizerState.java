package org.sparkprop.optim;

import java.io.Serializable;

/** What an optimizer carries from one step to the next (nothing, for plain gradient descent). */
public interface OptimizerState extends Serializable {

  /** How many steps have been applied. */
  long step();
}
