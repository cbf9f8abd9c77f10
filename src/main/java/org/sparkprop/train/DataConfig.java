package org.sparkprop.train;

import java.util.Locale;

/**
 * Where a job's data comes from, typed from the {@code data.*} settings.
 *
 * @param format synthetic, idx, csv or libsvm
 * @param train a path, or a synthetic set's name
 * @param trainLabels idx labels file, or empty to derive it from {@code train}
 * @param test a path, or empty to hold out {@code testFraction} of the training data
 * @param validation a path, or empty to hold out {@code validationFraction} of the training data
 *     (0: no validation set)
 */
public record DataConfig(Format format, String train, String trainLabels, String test,
    String testLabels, double testFraction, String validation, String validationLabels,
    double validationFraction, int samples, double noise, int labelColumn, boolean header,
    boolean scale, int numFeatures, String featuresCol, String labelCol) {

  /** The supported data formats. */
  public enum Format {
    SYNTHETIC, IDX, CSV, LIBSVM, PARQUET;

    static Format parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "setting data.format is '" + value + "'; allowed: synthetic, idx, csv, libsvm, parquet");
      }
    }
  }

  /** True when there is a validation set (a file, or a fraction held out). */
  public boolean validates() {
    return !validation.isEmpty() || validationFraction > 0;
  }

  /** True when the test set is carved out of the training data. */
  public boolean heldOut() {
    return test.isEmpty();
  }
}
