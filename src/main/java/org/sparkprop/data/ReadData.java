package org.sparkprop.data;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One data set as {@link DataSources#readWithLabels} reads it.
 *
 * @param rows the rows, lazily read on the executors (see {@link DataSources})
 * @param labelNames the class names of a text label column, class 0 first ({@code StringIndexer}
 *     order: most frequent first, ties alphabetical); empty when the labels are numbers
 */
public record ReadData(Dataset<Row> rows, List<String> labelNames) {

  public ReadData {
    Objects.requireNonNull(rows, "rows");
    labelNames = List.copyOf(labelNames);
  }
}
