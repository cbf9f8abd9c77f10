package org.sparkprop.data;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The class names of a string label column, in the order of Spark ML's {@code StringIndexer}
 * (its default {@code frequencyDesc}): the most frequent label first, ties in alphabetical order
 * ({@link String#compareTo}). Label {@code names().get(i)} becomes class index i.
 *
 * <p>The distinct labels and their counts are a Spark aggregation on the executors; only those
 * (at most {@link #MAX_LABELS}) come to the driver, never the rows.
 *
 * @param names the labels, class 0 first
 */
record LabelIndex(List<String> names) {

  /** More distinct labels than this is taken for a mistake (a key or a real-valued column). */
  static final int MAX_LABELS = 1 << 16;

  LabelIndex {
    names = List.copyOf(names);
  }

  /**
   * Counts the labels of {@code column} in {@code rows}.
   *
   * @throws DataFormatException naming {@code source} and the column if a label is null or there
   *     are more than {@link #MAX_LABELS} distinct labels
   */
  static LabelIndex of(Dataset<Row> rows, String column, String source, List<String> known) {
    if (!known.isEmpty()) {
      return new LabelIndex(known); // a trained model's classes: the same index, no pass
    }
    List<Row> counts = rows.groupBy(col(column)).count().limit(MAX_LABELS + 1).collectAsList();
    if (counts.size() > MAX_LABELS) {
      throw new DataFormatException(source + ": label column " + column + " holds more than "
          + MAX_LABELS + " distinct strings; a string label names a class (for a regression the"
          + " label column must be numeric)");
    }
    record Count(String label, long n) {}
    List<Count> sorted = new ArrayList<>();
    for (Row r : counts) {
      if (r.isNullAt(0)) {
        throw new DataFormatException(source + ": label column " + column + " has "
            + r.getLong(1) + " empty (null) labels");
      }
      sorted.add(new Count(r.getString(0), r.getLong(1)));
    }
    sorted.sort(Comparator.comparingLong(Count::n).reversed().thenComparing(Count::label));
    return new LabelIndex(sorted.stream().map(Count::label).toList());
  }

  /** Each label's class index, as the rows' label values. */
  Map<String, Double> indices() {
    Map<String, Double> m = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), (double) i);
    }
    return m;
  }
}
