package org.sparkprop.train;

/**
 * One epoch's progress: the mean training loss and accuracy of the batches it served (each at the
 * weights before its update, as is usual for running figures), throughput and elapsed time.
 * Accuracy is NaN for regression.
 */
public record EpochStats(int epoch, int iterations, double loss, double accuracy,
    double samplesPerSecond, double elapsedSeconds) {}
