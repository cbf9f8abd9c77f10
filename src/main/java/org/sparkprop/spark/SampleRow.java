package org.sparkprop.spark;

import java.io.Serializable;

/**
 * One labeled row on its way into a shard: inputs x (M_0 values), targets t (M_L values) and
 * the sample's weight w (1 unless the data is weighted).
 */
public record SampleRow(float[] x, float[] t, float w) implements Serializable {

  /** An unweighted row. */
  public SampleRow(float[] x, float[] t) {
    this(x, t, 1f);
  }
}
