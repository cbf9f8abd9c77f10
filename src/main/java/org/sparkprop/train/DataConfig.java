package org.sparkprop.train;

import java.util.List;
import java.util.Locale;

/**
 * Where a job's data comes from, typed from the {@code data.*} settings.
 *
 * @param format synthetic, idx, csv, libsvm, parquet or text
 * @param train a path, or a synthetic set's name
 * @param trainLabels idx labels file, or empty to derive it from {@code train}
 * @param test a path, or empty to hold out {@code testFraction} of the training data
 * @param validation a path, or empty to hold out {@code validationFraction} of the training data
 *     (0: no validation set)
 * @param labelColumns csv: the 0-based label columns, one per target (several for a multi-output
 *     regression), distinct
 * @param labelCols parquet: the label columns, one per target, distinct
 * @param text text only: how records become features
 * @param sparsity how the shards hold the inputs (data.sparse)
 */
public record DataConfig(Format format, String train, String trainLabels, String test,
    String testLabels, double testFraction, String validation, String validationLabels,
    double validationFraction, int samples, double noise, List<Integer> labelColumns,
    boolean header, boolean scale, int numFeatures, String featuresCol, List<String> labelCols,
    TextConfig text, Sparsity sparsity) {

  public DataConfig {
    if (sparsity == null) {
      sparsity = Sparsity.AUTO;
    }
    labelColumns = List.copyOf(labelColumns);
    labelCols = List.copyOf(labelCols);
    if (labelColumns.isEmpty() || labelCols.isEmpty()) {
      throw new IllegalArgumentException("a data config needs at least one label column, got "
          + labelColumns + " (csv) and " + labelCols + " (parquet)");
    }
  }

  /** The supported data formats. */
  public enum Format {
    SYNTHETIC, IDX, CSV, LIBSVM, PARQUET, TEXT;

    static Format parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("setting data.format is '" + value
            + "'; allowed: synthetic, idx, csv, libsvm, parquet, text");
      }
    }
  }

  /** True when there is a validation set (a file, or a fraction held out). */
  public boolean validates() {
    return !validation.isEmpty() || validationFraction > 0;
  }

  /**
   * The csv label column when there is exactly one (the usual case).
   *
   * @throws IllegalStateException if {@code data.labelColumn} names several columns
   */
  public int labelColumn() {
    if (labelColumns.size() != 1) {
      throw new IllegalStateException("setting data.labelColumn names " + labelColumns.size()
          + " columns " + labelColumns + "; this reader takes exactly one");
    }
    return labelColumns.get(0);
  }

  /**
   * The parquet label column when there is exactly one (the usual case).
   *
   * @throws IllegalStateException if {@code data.labelCol} names several columns
   */
  public String labelCol() {
    if (labelCols.size() != 1) {
      throw new IllegalStateException("setting data.labelCol names " + labelCols.size()
          + " columns " + labelCols + "; this reader takes exactly one");
    }
    return labelCols.get(0);
  }

  /**
   * The number of targets per row the format's label setting asks for: more than one for a
   * multi-output regression (csv or parquet with several label columns), else 1.
   */
  public int targets() {
    return switch (format) {
      case CSV -> labelColumns.size();
      case PARQUET -> labelCols.size();
      default -> 1;
    };
  }

  /** True when the test set is carved out of the training data. */
  public boolean heldOut() {
    return test.isEmpty();
  }
}
