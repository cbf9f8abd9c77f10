package org.sparkprop.train;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of consecutive batches run away from the driver ({@link UpdateChunks}): Θ and the
 * optimizer's state after them, and what each batch did, in order.
 *
 * @param theta Θ after the last update (before a diverged batch, which changes nothing)
 * @param optimizerArrays the optimizer state's arrays ({@link
 *     org.sparkprop.optim.OptimizerState#arrays})
 * @param optimizerStep the optimizer state's step count
 * @param records one per batch served, the last possibly diverged (none when a stop was
 *     requested before the first)
 */
public record UpdateChunk(float[] theta, List<float[]> optimizerArrays, long optimizerStep,
    List<UpdateRecord> records) implements Serializable {

  private static final long serialVersionUID = 1L;

  public UpdateChunk {
    if (records == null) {
      throw new IllegalArgumentException("UpdateChunk: records must not be null");
    }
    records = List.copyOf(records);
    optimizerArrays = List.copyOf(optimizerArrays);
  }
}
