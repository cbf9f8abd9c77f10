package org.sparkprop.train;

/**
 * Early stopping on the validation loss: remembers the weights of the best epoch (and the network
 * state that goes with them, batch norm's running statistics) and says stop once
 * {@code patience} epochs have passed without improvement.
 */
final class EarlyStopping {

  private final int patience;
  private double best = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private float[] bestTheta;
  private float[] bestNetworkState;

  EarlyStopping(int patience) {
    this.patience = patience;
  }

  /** Continues from a checkpoint's best. */
  void restore(int epoch, double loss, float[] theta, float[] networkState) {
    bestEpoch = epoch;
    best = loss;
    bestTheta = theta == null ? null : theta.clone();
    bestNetworkState = networkState == null ? null : networkState.clone();
  }

  double best() {
    return best;
  }

  /**
   * Records epoch {@code epoch} (1-based) with its Θ and network state (a copy, or null);
   * true when training should stop.
   */
  boolean stop(int epoch, double validationLoss, float[] theta, float[] networkState) {
    if (validationLoss < best) {
      best = validationLoss;
      bestEpoch = epoch;
      bestTheta = theta.clone();
      bestNetworkState = networkState;
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

  /** The network state of the best epoch, or null when the network has none. */
  float[] bestNetworkState() {
    return bestNetworkState;
  }
}
