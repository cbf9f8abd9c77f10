package org.sparkprop.train;

import java.util.List;

/**
 * Everything the training loop needs to go on exactly where it was after {@code epochs} finished
 * epochs and {@code progress} batches of the next: Θ, the optimizer's arrays and step count, the
 * loop's own memory (the last loss for tol, the early-stopping best) and the history. The batch
 * order, the input noise and the curriculum are functions of (seed, epoch, iteration), so no
 * random-generator state is needed: a run resumed from this state computes the same bits as one
 * that never stopped.
 *
 * @param optimizerArrays the optimizer state's arrays, in its fixed order
 * @param bestTheta the early-stopping best weights, or null
 * @param bestNetworkState the network state (batch norm's running statistics) that goes with
 *     {@code bestTheta}, or null
 * @param progress how far into epoch {@code epochs + 1} the state is ({@link EpochProgress#START}
 *     at an epoch's end)
 */
public record TrainingState(int epochs, long updates, float[] theta, List<float[]> optimizerArrays,
    long optimizerStep, double previousLoss, int bestEpoch, double bestLoss, float[] bestTheta,
    float[] bestNetworkState, List<EpochStats> history, EpochProgress progress) {

  /** A state at the end of epoch {@code epochs}. */
  public TrainingState(int epochs, long updates, float[] theta, List<float[]> optimizerArrays,
      long optimizerStep, double previousLoss, int bestEpoch, double bestLoss, float[] bestTheta,
      float[] bestNetworkState, List<EpochStats> history) {
    this(epochs, updates, theta, optimizerArrays, optimizerStep, previousLoss, bestEpoch,
        bestLoss, bestTheta, bestNetworkState, history, EpochProgress.START);
  }
}
