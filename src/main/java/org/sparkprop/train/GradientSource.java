package org.sparkprop.train;

/**
 * Where the training loop gets ∇q(Θ) from: in memory (tests, one machine) or from Spark tasks.
 * Both serve the batches of the same {@link BatchPlan}, so they must agree to float precision.
 */
public interface GradientSource extends AutoCloseable {

  /** N, the number of training samples. */
  int rows();

  /** The batch plan whose batches {@link #gradient} serves. */
  BatchPlan plan();

  /** True when the network classifies, so that correct counts mean something. */
  boolean classifies();

  /** Summed gradient, loss and counts of batch {@code iteration} of {@code epoch} at Θ. */
  GradientSum gradient(float[] theta, int epoch, int iteration);

  /** Summed loss and counts of every training sample at Θ (no gradient). */
  GradientSum evaluate(float[] theta);

  /**
   * Makes the following batches visit each shard's rows from the lowest loss q_n at
   * {@code theta} to the highest (a curriculum, {@link Curriculum#easyFirst}), or, for null, in
   * the plan's random permutation again. Each shard's order is computed where the shard is: no
   * per-sample figure reaches the caller.
   */
  void easyFirst(float[] theta);

  /**
   * A copy of what training changes in the network besides Θ (batch norm's running statistics),
   * or null when nothing: early stopping keeps the best epoch's along with its Θ.
   */
  default float[] networkState() {
    return null;
  }

  /** Puts back a state that {@link #networkState} returned. */
  default void restoreNetworkState(float[] values) {
    throw new UnsupportedOperationException("this source has no network state");
  }

  /**
   * The first-order Taylor relevance Σ_b |θ_i · g_b,i| of every parameter ({@link Saliency}),
   * over batches of {@code batchRows} consecutive rows of each shard, in one pass over the data.
   *
   * @throws UnsupportedOperationException when this source cannot compute it
   */
  default float[] saliency(float[] theta, int batchRows) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " does not compute saliency");
  }

  @Override
  default void close() {}
}
