package org.sparkprop.train;

import java.io.Serializable;
import java.util.List;

/**
 * What one task of local SGD returns after a round of K steps on its shard.
 *
 * @param shard the shard's index
 * @param theta Θ after the task's steps
 * @param optimizerArrays the optimizer state's arrays after them, in the state's fixed order
 * @param optimizerStep the optimizer's step counter after them
 * @param updates how many steps the task took (an iteration without rows of this shard takes
 *     none)
 * @param lossSum Σ over the task's steps of its share's loss plus the penalties times its weight
 * @param dataLoss Σ over the task's steps of its share's loss alone
 * @param weightSum Σ over the task's steps of its share's weight (its rows, or the sum of
 *     their sample weights): the task's weight in the average
 * @param count rows seen
 * @param correct rows classified correctly (before each step)
 * @param diverged the iteration whose loss or gradient was not finite (no step taken, none after
 *     it), or −1
 */
public record LocalRound(int shard, float[] theta, List<float[]> optimizerArrays,
    long optimizerStep, int updates, double lossSum, double dataLoss, double weightSum,
    long count, long correct, int diverged) implements Serializable {

  private static final long serialVersionUID = 1L;
}
