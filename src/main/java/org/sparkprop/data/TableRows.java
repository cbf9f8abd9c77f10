package org.sparkprop.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns one row of a keyed table (csv, parquet) into {@link DataSources#FEATURES}, {@link
 * DataSources#LABEL} and the source's other columns, unchanged (see {@link #replaced}): it runs
 * on the executors, inside a {@code Dataset.map}.
 *
 * <p>The features come either from several numeric columns (csv) or from one vector or array
 * column (parquet); the label from one numeric column, one string column mapped through the label
 * index, or several numeric columns (then the label is an {@code array<double>}). Every value is
 * checked: a null or a value that is not finite is a {@link DataFormatException} naming the file,
 * the column and the value.
 */
final class TableRows implements MapFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final String[] names;
  private final int file;
  private final int[] features;
  private final boolean vector;
  private final int[] labels;
  private final Map<String, Double> labelIndex;
  private final int[] passed;

  /**
   * @param input the schema of the rows this maps, the file name column included
   * @param file index of the column holding the row's file name (for messages)
   * @param features the feature columns: numeric scalars, or exactly one vector/array column
   * @param vector whether {@code features} is one vector or array column
   * @param labels the label columns: numeric, or one string column when {@code labelIndex} is set
   * @param labelIndex each string label's index, or null for numeric labels
   * @param passed the columns kept as they are
   */
  TableRows(StructType input, int file, int[] features, boolean vector, int[] labels,
      Map<String, Double> labelIndex, int[] passed) {
    this.names = input.fieldNames();
    this.file = file;
    this.features = features.clone();
    this.vector = vector;
    this.labels = labels.clone();
    this.labelIndex = labelIndex;
    this.passed = passed.clone();
    if (vector && features.length != 1) {
      throw new IllegalArgumentException("one vector column, got " + features.length);
    }
  }

  /**
   * Whether a source column of this name gives way to a column the read produces: a column named
   * like {@link DataSources#FEATURES} or {@link DataSources#LABEL} that is not the features or a
   * label column itself (e.g. a vector column beside the array chosen as features) is dropped.
   */
  static boolean replaced(String name) {
    return name.equals(DataSources.FEATURES) || name.equals(DataSources.LABEL);
  }

  /** The schema of the mapped rows: features, label, then the passed columns. */
  StructType schema(StructType input) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataSources.keyedSchema().apply(DataSources.FEATURES));
    fields.add(DataTypes.createStructField(DataSources.LABEL, labels.length == 1
        ? DataTypes.DoubleType : DataTypes.createArrayType(DataTypes.DoubleType, false), false));
    for (int c : passed) {
      fields.add(input.fields()[c]);
    }
    return DataTypes.createStructType(fields);
  }

  @Override
  public Row call(Row row) {
    Object[] out = new Object[2 + passed.length];
    out[0] = Vectors.dense(vector ? vectorFeatures(row) : scalarFeatures(row));
    if (labels.length == 1) {
      out[1] = label(row, labels[0]);
    } else {
      double[] t = new double[labels.length];
      for (int k = 0; k < t.length; k++) {
        t[k] = label(row, labels[k]);
      }
      out[1] = t;
    }
    for (int k = 0; k < passed.length; k++) {
      out[2 + k] = row.get(passed[k]);
    }
    return RowFactory.create(out);
  }

  private double[] scalarFeatures(Row row) {
    double[] x = new double[features.length];
    for (int j = 0; j < x.length; j++) {
      x[j] = finite(row, features[j], number(row, features[j]), "feature");
    }
    return x;
  }

  private double[] vectorFeatures(Row row) {
    int c = features[0];
    Object v = number(row, c);
    double[] x;
    if (v instanceof Vector vec) {
      x = vec.toArray();
    } else {
      List<Object> list = row.getList(c);
      x = new double[list.size()];
      for (int j = 0; j < x.length; j++) {
        Object e = list.get(j);
        if (e == null) {
          throw new DataFormatException(where(row, c) + ": element " + (j + 1) + " is null");
        }
        x[j] = ((Number) e).doubleValue();
      }
    }
    for (int j = 0; j < x.length; j++) {
      if (!Double.isFinite(x[j])) {
        throw new DataFormatException(where(row, c) + ": element " + (j + 1) + " is " + x[j]
            + "; NaN and infinite values are not allowed");
      }
    }
    return x;
  }

  private double label(Row row, int c) {
    Object v = number(row, c);
    if (labelIndex != null) {
      Double index = labelIndex.get((String) v);
      if (index == null) {
        throw new DataFormatException(where(row, c) + ": label '" + v + "' is not one of the "
            + labelIndex.size() + " labels found when the data was indexed");
      }
      return index;
    }
    return finite(row, c, v, "label");
  }

  /** The non-null value of column {@code c}. */
  private Object number(Row row, int c) {
    if (row.isNullAt(c)) {
      throw new DataFormatException(where(row, c) + ": the value is empty (null)");
    }
    return row.get(c);
  }

  private double finite(Row row, int c, Object value, String what) {
    double d = ((Number) value).doubleValue();
    if (!Double.isFinite(d)) {
      throw new DataFormatException(where(row, c) + ": " + what + " value " + d
          + " is not finite; NaN and infinite values are not allowed");
    }
    return d;
  }

  private String where(Row row, int c) {
    return row.getString(file) + ", column " + (c + 1) + " (" + names[c] + ")";
  }
}
