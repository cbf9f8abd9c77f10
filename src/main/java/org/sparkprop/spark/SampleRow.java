package org.sparkprop.spark;

import java.io.Serializable;

/**
 * One labeled row on its way into a shard: inputs x (M_0 values), targets t (M_L values) and
 * the sample's weight w (1 unless the data is weighted).
 *
 * <p>A sparse row has {@code index} not null: its inputs are then x[e] at column index[e], the
 * columns ascending, every other input 0 (x holds only the stored values).
 */
public record SampleRow(float[] x, float[] t, float w, int[] index) implements Serializable {

  /** A dense row. */
  public SampleRow(float[] x, float[] t, float w) {
    this(x, t, w, null);
  }

  /** An unweighted dense row. */
  public SampleRow(float[] x, float[] t) {
    this(x, t, 1f, null);
  }

  public SampleRow {
    if (index != null && index.length != x.length) {
      throw new IllegalArgumentException("a sparse row has " + index.length + " columns and "
          + x.length + " values; it needs one value per column");
    }
  }

  /** A sparse row: value[e] at column index[e], the columns ascending. */
  public static SampleRow sparse(int[] index, float[] value, float[] t, float w) {
    return new SampleRow(value, t, w, index);
  }

  public boolean isSparse() {
    return index != null;
  }

  /** The stored inputs: x.length for a sparse row, the non-zeros of a dense one. */
  public int nonZeros() {
    if (index != null) {
      return index.length;
    }
    int n = 0;
    for (float v : x) {
      if (v != 0f) {
        n++;
      }
    }
    return n;
  }

  /** The inputs as M_0 dense values ({@code x} itself for a dense row). */
  public float[] dense(int inputs) {
    if (index == null) {
      return x;
    }
    float[] d = new float[inputs];
    for (int e = 0; e < index.length; e++) {
      if (index[e] < 0 || index[e] >= inputs) {
        throw new IllegalArgumentException("a sparse row stores column " + index[e]
            + "; columns must be in [0, " + inputs + ")");
      }
      d[index[e]] = x[e];
    }
    return d;
  }
}
