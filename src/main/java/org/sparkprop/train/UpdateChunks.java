package org.sparkprop.train;

import org.sparkprop.optim.OptimizerState;

/**
 * A gradient source that can also run many consecutive updates in one go, where the shards are
 * (a barrier stage), with the same {@link UpdateStep} the driver would apply: the training loop
 * then hands it whole runs of batches instead of asking for one sum at a time.
 */
public interface UpdateChunks {

  /**
   * Runs batches {@code from} … {@code to − 1} of {@code epoch} from Θ = {@code theta} and the
   * optimizer state {@code state} (neither modified), stopping early after {@code maxUpdates}
   * updates, at a diverged batch, or before the next batch once {@link StopSignal} is set.
   */
  UpdateChunk updates(float[] theta, OptimizerState state, int epoch, int from, int to,
      long maxUpdates, UpdateStep step);
}
