package org.sparkprop.train;

/**
 * Early stopping on the validation loss: remembers the weights of the best epoch and says stop
 * once {@code patience} epochs have passed without improvement.
 */
final class EarlyStopping {

  private final int patience;
  private double best = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private float[] bestTheta;

  EarlyStopping(int patience) {
    this.patience = patience;
  }

  /** Continues from a checkpoint's best. */
  void restore(int epoch, double loss, float[] theta) {
    bestEpoch = epoch;
    best = loss;
    bestTheta = theta == null ? null : theta.clone();
  }

  double best() {
    return best;
  }

  /** Records epoch {@code epoch} (1-based); true when training should stop. */
  boolean stop(int epoch, double validationLoss, float[] theta) {
    if (validationLoss < best) {
      best = validationLoss;
      bestEpoch = epoch;
      bestTheta = theta.clone();
      return false;
    }
    return epoch - bestEpoch >= patience;
  }

  int bestEpoch() {
    return bestEpoch;
  }

  float[] bestTheta() {
    return bestTheta;
  }
}
