package org.sparkprop.data;

import org.sparkprop.train.Samples;

/**
 * Turns {@link RawData} into training {@link Samples}: labels become one-hot target rows for a
 * classifier or single real targets for a regression.
 *
 * <p>This is where data meets the network, so it is also where the data is checked against it:
 * every feature must be finite, every class label an integer in range, and the number of features
 * must match the input layer. A NaN in the inputs or a label 10 for a 10-class network would not
 * fail loudly later; it would poison the gradients. Bad values are reported as a
 * {@link DataFormatException} naming the data source, the row (1-based) and the value.
 *
 * <p>The feature array is shared with the {@code RawData}, not copied (see {@link RawData}).
 */
public final class Targets {

  private Targets() {}

  /**
   * One output per class: row n's target is 1 at its label and 0 elsewhere (the class posteriors
   * a softmax output is trained to approach).
   *
   * @throws IllegalArgumentException if {@code classes < 2}, a label is not an integer in
   *     [0, classes), or a feature is not finite
   */
  public static Samples oneHot(RawData d, int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException(
          "one-hot targets need at least 2 classes, got " + classes + " for data " + d.source());
    }
    checkFeatures(d);
    float[] t = new float[d.rows() * classes];
    for (int n = 0; n < d.rows(); n++) {
      float label = d.labels()[n];
      if (!(label >= 0 && label < classes && label == Math.rint(label))) {
        throw new DataFormatException(
            "data " + d.source() + " row " + (n + 1) + ": label " + label
                + " is not a class index, allowed are the integers in [0, " + classes + ")");
      }
      t[n * classes + (int) label] = 1f;
    }
    return new Samples(d.features(), t, d.rows(), d.columns(), classes);
  }

  /**
   * One real output per row: the label itself.
   *
   * @throws IllegalArgumentException if a feature or a label is not finite
   */
  public static Samples regression(RawData d) {
    checkFeatures(d);
    for (int n = 0; n < d.rows(); n++) {
      float label = d.labels()[n];
      if (!Float.isFinite(label)) {
        throw new DataFormatException(
            "data " + d.source() + " row " + (n + 1) + ": target " + label + " is not finite");
      }
    }
    return new Samples(d.features(), d.labels().clone(), d.rows(), d.columns(), 1);
  }

  /**
   * The number of classes the labels imply: the largest label plus one (labels are 0-based class
   * indices).
   *
   * @throws IllegalArgumentException if the data has no rows or a label is not a non-negative
   *     integer
   */
  public static int classesIn(RawData d) {
    if (d.rows() == 0) {
      throw new IllegalArgumentException("data " + d.source() + " has no rows: no classes");
    }
    float max = 0;
    for (int n = 0; n < d.rows(); n++) {
      float label = d.labels()[n];
      if (!(label >= 0 && label == Math.rint(label) && label < Integer.MAX_VALUE)) {
        throw new DataFormatException(
            "data " + d.source() + " row " + (n + 1) + ": label " + label
                + " is not a class index (an integer >= 0)");
      }
      max = Math.max(max, label);
    }
    return (int) max + 1;
  }

  /**
   * Checks that the data has as many features per row as the network has inputs.
   *
   * @param expected the size of the input layer, M_0 ({@code layers[0]})
   * @throws IllegalArgumentException if they differ
   */
  public static void checkInputs(RawData d, int expected) {
    if (d.columns() != expected) {
      throw new IllegalArgumentException(
          "data " + d.source() + " has " + d.columns() + " features per row but layers[0] is "
              + expected);
    }
  }

  private static void checkFeatures(RawData d) {
    float[] x = d.features();
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        throw new DataFormatException(
            "data " + d.source() + " row " + (i / d.columns() + 1) + ", column "
                + (i % d.columns() + 1) + ": feature value " + x[i] + " is not finite");
      }
    }
  }
}
