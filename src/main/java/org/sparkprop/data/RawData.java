package org.sparkprop.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A data set as read from its source, before it becomes training samples: a dense row-major
 * float32 feature matrix ({@code rows × columns}) and one label per row.
 *
 * <p>Readers produce this neutral form so that the same file can serve a classifier (labels are
 * class indices, see {@link Targets#oneHot}) or a regression (labels are real targets, see
 * {@link Targets#regression}); that choice belongs to the job, not to the reader. The {@code
 * source} (a path or a set name such as {@code synthetic:spirals}) is carried along only so that
 * later errors can say which data they are about.
 *
 * <p>The arrays are shared, not copied: a 60,000 × 784 image set is 188 MB, and copying it at
 * every step would double the memory of the driver. By convention nobody mutates them after
 * construction. {@link #equals} and {@link #hashCode} compare the contents, so two data sets are
 * equal when they hold the same numbers in the same shape.
 *
 * @param features row-major feature matrix, {@code rows * columns} values
 * @param rows number of rows (samples), at least 0
 * @param columns number of features per row, at least 1
 * @param labels one label per row
 * @param source a file path or data-set name, used in messages
 */
public record RawData(float[] features, int rows, int columns, float[] labels, String source) {

  public RawData {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(source, "source");
    if (rows < 0 || columns < 1) {
      throw new IllegalArgumentException(
          "data " + source + " needs rows >= 0 and columns >= 1, got rows=" + rows
              + ", columns=" + columns);
    }
    if (features.length != (long) rows * columns) {
      throw new IllegalArgumentException(
          "data " + source + " has " + features.length + " feature values for " + rows + " rows × "
              + columns + " columns (expected " + (long) rows * columns + ")");
    }
    if (labels.length != rows) {
      throw new IllegalArgumentException(
          "data " + source + " has " + labels.length + " labels for " + rows + " rows");
    }
  }

  /** Feature {@code column} of row {@code row} (both 0-based). */
  public float feature(int row, int column) {
    return features[row * columns + column];
  }

  /** The label of row {@code row} (0-based). */
  public float label(int row) {
    return labels[row];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawData d
        && rows == d.rows
        && columns == d.columns
        && source.equals(d.source)
        && Arrays.equals(features, d.features)
        && Arrays.equals(labels, d.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, columns, source, Arrays.hashCode(features), Arrays.hashCode(labels));
  }

  /** Shape and source only: the data itself can be millions of values. */
  @Override
  public String toString() {
    return "RawData[" + source + ": " + rows + " rows × " + columns + " columns]";
  }
}
