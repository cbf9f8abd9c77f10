package org.sparkprop.train;

import org.sparkprop.optim.OptimizerState;

/**
 * A gradient source that can also run many consecutive updates in one go, where the shards are
 * (a barrier stage), with the same {@link UpdateStep} the driver would apply: the training loop
 * then hands it whole runs of batches instead of asking for one sum at a time.
 */
public interface UpdateChunks {

  /**
   * Runs batches from batch {@code from} of {@code epoch} on, each epoch having
   * {@code iterations} batches in the order of its own epoch, at most to the end of epoch
   * {@code epoch + epochs − 1}, from Θ = {@code theta} and the optimizer state {@code state}
   * (neither modified). The run may end at the end of any epoch before that (the source bounds
   * how long one run takes); it stops early after {@code maxUpdates} updates, at a diverged
   * batch, or before the next batch once {@link StopSignal} is set.
   *
   * @param epochs how many epochs the run may reach into, at least 1 (1: only {@code epoch})
   */
  UpdateChunk updates(float[] theta, OptimizerState state, int epoch, int from, int iterations,
      int epochs, long maxUpdates, UpdateStep step);
}
