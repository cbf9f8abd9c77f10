package org.sparkprop.train;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of consecutive batches run away from the driver ({@link UpdateChunks}): Θ and the
 * optimizer's state after them, what each batch did, in order, and, for a run that went on past
 * the end of an epoch, Θ at each such epoch end (the training loop tells its listener the
 * weights at every epoch's end).
 *
 * @param theta Θ after the last update (before a diverged batch, which changes nothing)
 * @param optimizerArrays the optimizer state's arrays ({@link
 *     org.sparkprop.optim.OptimizerState#arrays})
 * @param optimizerStep the optimizer state's step count
 * @param records one per batch served, across epochs, the last possibly diverged (none when a
 *     stop was requested before the first)
 * @param epochThetas Θ at the end of every epoch the run went on past, in order (not at the end
 *     of the run's last batch, which is {@code theta})
 * @param epochEnds when each epoch end among the records was reached, as {@link System#nanoTime}
 *     on the driver, in order; empty when not known (the loop then takes its own clock)
 */
public record UpdateChunk(float[] theta, List<float[]> optimizerArrays, long optimizerStep,
    List<UpdateRecord> records, List<float[]> epochThetas, List<Long> epochEnds)
    implements Serializable {

  private static final long serialVersionUID = 2L;

  public UpdateChunk {
    if (records == null) {
      throw new IllegalArgumentException("UpdateChunk: records must not be null");
    }
    records = List.copyOf(records);
    optimizerArrays = List.copyOf(optimizerArrays);
    epochThetas = epochThetas == null ? List.of() : List.copyOf(epochThetas);
    epochEnds = epochEnds == null ? List.of() : List.copyOf(epochEnds);
  }

  /** A run within one epoch: no epoch end passed, no times. */
  public UpdateChunk(float[] theta, List<float[]> optimizerArrays, long optimizerStep,
      List<UpdateRecord> records) {
    this(theta, optimizerArrays, optimizerStep, records, List.of(), List.of());
  }

  /** This outcome with the epoch ends' times {@code ends}. */
  public UpdateChunk withEpochEnds(List<Long> ends) {
    return new UpdateChunk(theta, optimizerArrays, optimizerStep, records, epochThetas, ends);
  }
}
