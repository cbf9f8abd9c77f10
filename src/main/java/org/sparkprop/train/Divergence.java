package org.sparkprop.train;

/**
 * Where the loss or the gradient stopped being finite: epoch and iteration (1-based) and the last
 * finite batch loss (mean per sample) before it, NaN if there was none.
 */
public record Divergence(int epoch, int iteration, double lastFiniteLoss) {

  /** A message for the user, with the usual remedies. */
  public String message() {
    return "training diverged at epoch " + epoch + ", iteration " + iteration
        + ": the loss or the gradient is NaN or infinite (last finite loss " + lastFiniteLoss
        + "). Usual remedies: a lower stepSize, clipNorm (e.g. 1.0), standardized inputs"
        + " (data.scale for images), or a smaller init range";
  }
}
