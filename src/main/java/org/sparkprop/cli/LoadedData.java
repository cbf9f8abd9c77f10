package org.sparkprop.cli;

import org.sparkprop.train.Samples;

/** A job's training and test samples, shaped for its network. */
public record LoadedData(Samples train, Samples test, String trainSource, String testSource) {}
