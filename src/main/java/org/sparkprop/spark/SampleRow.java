package org.sparkprop.spark;

import java.io.Serializable;

/** One labeled row on its way into a shard: inputs x (M_0 values) and targets t (M_L values). */
public record SampleRow(float[] x, float[] t) implements Serializable {}
