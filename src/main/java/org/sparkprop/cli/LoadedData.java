package org.sparkprop.cli;

import org.sparkprop.train.Samples;

/**
 * A job's training, validation (null when there is none) and test samples, shaped for its
 * network.
 */
public record LoadedData(Samples train, Samples validation, Samples test, String trainSource,
    String testSource) {}
