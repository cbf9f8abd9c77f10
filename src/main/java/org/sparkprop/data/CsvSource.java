package org.sparkprop.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads comma-separated files on the executors through Spark's {@code csv} data source: the
 * label in one column (or several, for a multi-output regression), the features in all the other
 * numeric columns, in file order; text columns that are not labels are kept as they are (keys).
 * A file of numbers only, the format of {@link CsvReader}, gives the same numbers row by row.
 *
 * <p>Spark infers the column types in one pass over the data (on the executors) and then parses
 * with {@code FAILFAST}, so a line with the wrong number of fields fails the read. Spark cannot say
 * which line a value came from, so the checks name the file, the column and the value instead:
 * <ul>
 *   <li>a text column holding some numbers is taken for a numeric column with a typo, and fails
 *       (one aggregation over the text columns, before any row is converted);
 *   <li>an empty or non-finite feature or label fails when the rows are computed;
 *   <li>a text label column is indexed as Spark ML's {@code StringIndexer} does ({@link
 *       LabelIndex}).
 * </ul>
 *
 * <p>Values are parsed as doubles; the trainer's float32 is the double rounded to float, which is
 * the float {@link CsvReader} parses for any value written with up to 9 significant digits.
 */
final class CsvSource {

  private CsvSource() {}

  /**
   * The csv file, directory or glob {@code path}.
   *
   * @param labelColumns the 0-based label columns
   * @param header whether the first line of each file holds column names
   * @throws DataFormatException naming the path and column if a label column is out of range or
   *     not numeric (text: one label column only), no feature column is numeric, or a text column
   *     mixes numbers and text
   */
  static ReadData read(SparkSession spark, String path, List<Integer> labelColumns,
      boolean header, List<String> classNames) {
    Dataset<Row> df = spark.read()
        .option("header", header)
        .option("inferSchema", true)
        .option("mode", "FAILFAST")
        .option("ignoreLeadingWhiteSpace", true)
        .option("ignoreTrailingWhiteSpace", true)
        .csv(path);
    StructType schema = df.schema();
    if (schema.isEmpty()) {
      throw new DataFormatException("CSV data " + path + " is empty: no data lines");
    }
    checkText(df, path);
    int[] labels = labelColumns.stream().mapToInt(Integer::intValue).toArray();
    LabelIndex index = null;
    for (int c : labels) {
      if (c >= schema.size()) {
        throw new DataFormatException(path + ": label column " + c + " (0-based) is out of "
            + "range, the file has " + schema.size() + " columns");
      }
      DataType t = schema.fields()[c].dataType();
      if (t.equals(DataTypes.StringType) && labels.length == 1) {
        index = LabelIndex.of(df, schema.fields()[c].name(), path, classNames);
      } else if (!(t instanceof NumericType)) {
        throw new DataFormatException(path + ", column " + (c + 1) + " ("
            + schema.fields()[c].name() + "): a label column must hold numbers"
            + (labels.length == 1 ? " or class names" : " when there are several")
            + ", found " + t.simpleString());
      }
    }
    List<Integer> features = new ArrayList<>();
    List<Integer> passed = new ArrayList<>();
    for (int c = 0; c < schema.size(); c++) {
      if (!ParquetSource.contains(labels, c) && !TableRows.replaced(schema.fields()[c].name())) {
        (schema.fields()[c].dataType() instanceof NumericType ? features : passed).add(c);
      }
    }
    if (features.isEmpty()) {
      throw new DataFormatException(path + ": no numeric column besides the label column(s) "
          + labelColumns + "; the features are the other numeric columns");
    }
    Dataset<Row> named = df.withColumn(DataSources.FILE, input_file_name());
    Map<String, Double> indices = index == null ? null : index.indices();
    TableRows rows = new TableRows(named.schema(), schema.size(),
        features.stream().mapToInt(Integer::intValue).toArray(), false, labels, indices,
        passed.stream().mapToInt(Integer::intValue).toArray());
    return new ReadData(named.map(rows, Encoders.row(rows.schema(named.schema()))),
        index == null ? List.of() : index.names());
  }

  /**
   * Fails on a text column that holds numbers as well as text: Spark typed it as text because of
   * a few bad values in what is meant as a numeric column. One aggregation for all text columns.
   */
  private static void checkText(Dataset<Row> df, String path) {
    StructType schema = df.schema();
    List<Integer> text = new ArrayList<>();
    List<Column> aggregates = new ArrayList<>();
    for (int c = 0; c < schema.size(); c++) {
      if (schema.fields()[c].dataType().equals(DataTypes.StringType)) {
        Column v = col("`" + schema.fields()[c].name().replace("`", "``") + "`");
        Column number = v.try_cast("double").isNotNull();
        Column word = v.isNotNull().and(v.try_cast("double").isNull());
        text.add(c);
        aggregates.add(count_if(number));
        aggregates.add(count_if(word));
        aggregates.add(min(when(number, v)));
        aggregates.add(min(when(word, v)));
      }
    }
    if (text.isEmpty()) {
      return;
    }
    Row counts = df.agg(aggregates.get(0),
        aggregates.subList(1, aggregates.size()).toArray(new Column[0])).first();
    for (int k = 0; k < text.size(); k++) {
      if (counts.getLong(4 * k) > 0 && counts.getLong(4 * k + 1) > 0) {
        int c = text.get(k);
        throw new DataFormatException(path + ", column " + (c + 1) + " ("
            + schema.fields()[c].name() + "): " + counts.getLong(4 * k + 1)
            + " values are not numbers (e.g. \"" + counts.getString(4 * k + 3) + "\") but "
            + counts.getLong(4 * k) + " are (e.g. \"" + counts.getString(4 * k + 2)
            + "\"); a numeric column must hold numbers only, a text column (key or class name)"
            + " no numbers");
      }
    }
  }
}
