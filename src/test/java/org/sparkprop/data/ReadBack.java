package org.sparkprop.data;

import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Collects what {@link DataSources} read (small test sets only) into the old readers' form. */
final class ReadBack {

  private ReadBack() {}

  /** The features and the (single) label of every row, in order, rounded to float32. */
  static RawData raw(Dataset<Row> rows, String source) {
    List<Row> list = rows.select(DataSources.FEATURES, DataSources.LABEL).collectAsList();
    int columns = list.isEmpty() ? 1 : ((Vector) list.get(0).get(0)).size();
    float[] x = new float[list.size() * columns];
    float[] labels = new float[list.size()];
    for (int n = 0; n < list.size(); n++) {
      double[] v = ((Vector) list.get(n).get(0)).toArray();
      if (v.length != columns) {
        throw new AssertionError("row " + n + " has " + v.length + " features, not " + columns);
      }
      for (int j = 0; j < columns; j++) {
        x[n * columns + j] = (float) v[j];
      }
      labels[n] = (float) list.get(n).getDouble(1);
    }
    return new RawData(x, list.size(), columns, labels, source);
  }

  /** The ROW column, in order. */
  static long[] rowIndices(Dataset<Row> rows) {
    return rows.select(DataSources.ROW).collectAsList().stream().mapToLong(r -> r.getLong(0))
        .toArray();
  }
}
