package org.sparkprop.data;

import static org.apache.spark.sql.functions.input_file_name;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads Parquet on the executors: the features from a vector column (Spark ML's {@code VectorUDT})
 * or an array of numbers, the label from one numeric or string column or from several numeric
 * ones; every other column is kept as it is (keys, weights, anything the caller wants back).
 * Rows come in the order Spark reads them, as {@link ParquetReader} collected them.
 */
final class ParquetSource {

  private ParquetSource() {}

  /**
   * The Parquet file or directory {@code path}; the schema is checked on the driver, the values
   * by the tasks.
   *
   * @throws DataFormatException naming the path and column if a column is missing or of a type
   *     that cannot be features or a label
   */
  static ReadData read(SparkSession spark, String path, String featuresCol,
      List<String> labelCols, List<String> classNames) {
    Dataset<Row> df = spark.read().parquet(path);
    StructType schema = df.schema();
    int features = index(schema, path, featuresCol);
    DataType ft = schema.fields()[features].dataType();
    boolean array = ft instanceof ArrayType a && a.elementType() instanceof NumericType;
    if (!ft.typeName().equals("vector") && !array) {
      throw new DataFormatException("Column " + featuresCol + " of " + path
          + " must be of type vector or array of numbers but was actually " + ft.simpleString());
    }
    int[] labels = new int[labelCols.size()];
    LabelIndex index = null;
    for (int k = 0; k < labels.length; k++) {
      String name = labelCols.get(k);
      labels[k] = index(schema, path, name);
      DataType lt = schema.fields()[labels[k]].dataType();
      if (lt.equals(DataTypes.StringType) && labels.length == 1) {
        index = LabelIndex.of(df, name, path, classNames);
      } else if (!(lt instanceof NumericType)) {
        throw new DataFormatException("Column " + name + " of " + path + " must be numeric"
            + (labels.length == 1 ? " or string" : " (one of several label columns)")
            + " but was actually " + lt.simpleString());
      }
    }
    List<Integer> passed = new ArrayList<>();
    for (int c = 0; c < schema.size(); c++) {
      if (c != features && !contains(labels, c)
          && !TableRows.replaced(schema.fields()[c].name())) {
        passed.add(c);
      }
    }
    Dataset<Row> named = df.withColumn(DataSources.FILE, input_file_name());
    Map<String, Double> indices = index == null ? null : index.indices();
    TableRows rows = new TableRows(named.schema(), schema.size(), new int[] {features}, true,
        labels, indices, passed.stream().mapToInt(Integer::intValue).toArray());
    return new ReadData(named.map(rows, Encoders.row(rows.schema(named.schema()))),
        index == null ? List.of() : index.names());
  }

  static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static int index(StructType schema, String path, String name) {
    for (int c = 0; c < schema.size(); c++) {
      if (schema.fields()[c].name().equals(name)) {
        return c;
      }
    }
    throw new DataFormatException(path + " has no column " + name + "; its columns are "
        + String.join(", ", schema.fieldNames()));
  }
}
