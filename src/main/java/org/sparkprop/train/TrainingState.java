package org.sparkprop.train;

import java.util.List;

/**
 * Everything the training loop needs to go on exactly where it was after {@code epochs} finished
 * epochs: Θ, the optimizer's arrays and step count, the loop's own memory (the last loss for
 * tol, the early-stopping best) and the history. The batch order, the input noise and the
 * curriculum are functions of (seed, epoch, iteration), so no random-generator state is needed:
 * a run resumed from this state computes the same bits as one that never stopped.
 *
 * @param optimizerArrays the optimizer state's arrays, in its fixed order
 * @param bestTheta the early-stopping best weights, or null
 * @param bestNetworkState the network state (batch norm's running statistics) that goes with
 *     {@code bestTheta}, or null
 */
public record TrainingState(int epochs, long updates, float[] theta, List<float[]> optimizerArrays,
    long optimizerStep, double previousLoss, int bestEpoch, double bestLoss, float[] bestTheta,
    float[] bestNetworkState, List<EpochStats> history) {}
