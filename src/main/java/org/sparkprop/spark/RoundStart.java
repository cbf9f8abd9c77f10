package org.sparkprop.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What the driver broadcasts to start a round of local SGD: Θ, the optimizer state's arrays
 * (in its fixed order) and its step counter, each array written in bulk.
 */
record RoundStart(BulkFloats theta, List<BulkFloats> arrays, long step) implements Serializable {}
