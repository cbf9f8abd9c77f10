package org.sparkprop.data;

import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Reads a Parquet file or directory through Spark: features from a vector column (Spark ML's
 * {@code VectorUDT}) or an {@code array<float|double>} column, the label from a numeric column.
 * The rows are collected to the driver as dense {@link RawData}.
 */
public final class ParquetReader {

  private ParquetReader() {}

  /** Reads {@code path}; errors name the path, the column and what was found. */
  public static RawData read(SparkSession spark, String path, String featuresCol, String labelCol) {
    Dataset<Row> df = spark.read().parquet(path);
    StructField features = field(df, path, featuresCol);
    StructField label = field(df, path, labelCol);
    DataType ft = features.dataType();
    boolean vector = ft.typeName().equals("vector");
    boolean array = ft instanceof ArrayType a
        && (a.elementType().equals(DataTypes.FloatType) || a.elementType().equals(DataTypes.DoubleType));
    if (!vector && !array) {
      throw new DataFormatException("Column " + featuresCol + " of " + path
          + " must be of type vector or array<float|double> but was actually " + ft.simpleString());
    }
    if (!(label.dataType() instanceof org.apache.spark.sql.types.NumericType)) {
      throw new DataFormatException("Column " + labelCol + " of " + path
          + " must be numeric but was actually " + label.dataType().simpleString());
    }
    List<Row> rows = df.select(featuresCol, labelCol).collectAsList();
    int columns = -1;
    float[] x = null;
    float[] labels = new float[rows.size()];
    for (int n = 0; n < rows.size(); n++) {
      Row row = rows.get(n);
      if (row.isNullAt(0) || row.isNullAt(1)) {
        throw new DataFormatException(path + " row " + (n + 1) + ": null "
            + (row.isNullAt(0) ? featuresCol : labelCol));
      }
      double[] values = vector ? ((Vector) row.get(0)).toArray() : toDoubles(row.getList(0));
      if (columns < 0) {
        columns = values.length;
        x = new float[rows.size() * columns];
      } else if (values.length != columns) {
        throw new DataFormatException(path + " row " + (n + 1) + ": " + featuresCol + " has "
            + values.length + " values, the first row had " + columns);
      }
      for (int j = 0; j < columns; j++) {
        x[n * columns + j] = (float) values[j];
      }
      labels[n] = (float) ((Number) row.get(1)).doubleValue();
    }
    if (rows.isEmpty()) {
      throw new DataFormatException(path + " holds no rows");
    }
    return new RawData(x, rows.size(), columns, labels, path);
  }

  private static StructField field(Dataset<Row> df, String path, String name) {
    for (StructField f : df.schema().fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new DataFormatException(path + " has no column " + name + "; its columns are "
        + String.join(", ", df.columns()));
  }

  private static double[] toDoubles(List<Object> list) {
    double[] d = new double[list.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Number) list.get(i)).doubleValue();
    }
    return d;
  }
}
