package org.sparkprop.cli;

/** The loss or the gradient became NaN or infinite: the run stops with no model. */
public final class TrainingDiverged extends RuntimeException {

  public TrainingDiverged(String message) {
    super(message);
  }
}
