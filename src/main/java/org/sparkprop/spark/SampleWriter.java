package org.sparkprop.spark;

import java.io.Serializable;

/**
 * How one item of a data set becomes a sample: written in place into a shard's arrays where the
 * shard is packed, and checked as it is written (a bad item fails the task that writes it).
 *
 * @param <T> the items' type
 */
public interface SampleWriter<T> extends Serializable {

  /** M_0, the inputs of every sample. */
  int inputs();

  /** M_L, the targets of every sample. */
  int outputs();

  /**
   * Writes {@code item}'s inputs to {@code x[xAt, xAt + inputs)} and its targets to
   * {@code t[tAt, tAt + outputs)}.
   *
   * @return the sample's weight w (1 unless the data is weighted)
   */
  float write(T item, float[] x, int xAt, float[] t, int tAt);

  /**
   * True when {@code item} has a label; false for a row without one (knowledge distillation),
   * which the shard flags ({@link org.sparkprop.train.Samples#unlabeled()}) and whose targets are
   * written all 0.
   */
  default boolean hasLabel(T item) {
    return true;
  }

  /** {@code item} as a sample row of its own arrays. */
  default SampleRow row(T item) {
    float[] x = new float[inputs()];
    float[] t = new float[outputs()];
    float w = write(item, x, 0, t, 0);
    return new SampleRow(x, t, w);
  }
}
