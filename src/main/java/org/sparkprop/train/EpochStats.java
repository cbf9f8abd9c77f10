package org.sparkprop.train;

import java.io.Serializable;

/**
 * One epoch's progress: the mean training objective and accuracy of the batches it served (each
 * at the weights before its update, as is usual for running figures), the validation loss and
 * accuracy at the end of the epoch (NaN without a validation set), throughput and elapsed time.
 * Accuracies are NaN for regression.
 */
public record EpochStats(int epoch, int iterations, double loss, double accuracy,
    double validationLoss, double validationAccuracy, double samplesPerSecond,
    double elapsedSeconds) implements Serializable {

  /** Stats without validation figures. */
  public EpochStats(int epoch, int iterations, double loss, double accuracy,
      double samplesPerSecond, double elapsedSeconds) {
    this(epoch, iterations, loss, accuracy, Double.NaN, Double.NaN, samplesPerSecond,
        elapsedSeconds);
  }
}
