package org.sparkprop.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.train.TextConfig;

/**
 * Records of text with a class each, read on the executors as rows of {@link #TEXT} (a string)
 * and {@link DataSources#LABEL} (the class index, a double):
 *
 * <ul>
 *   <li>layout {@code files}: a directory (or glob) with one file per class, the file's name
 *       being the class name, records separated by lines that hold only {@code %} (the layout of
 *       the {@code fortunes} package); Spark's text source splits the files at those lines, so a
 *       large file is read by several tasks;
 *   <li>layout {@code csv} (with a header) or {@code parquet}: the columns {@code text.column()}
 *       and {@code labelCol}, a string.
 * </ul>
 *
 * <p>Class names are indexed as {@link LabelIndex} does (most frequent first, ties alphabetical),
 * counted by a Spark aggregation; only the names come to the driver. Records that are empty
 * after trimming are dropped.
 */
public final class TextSource {

  /** Column of a record's text. */
  public static final String TEXT = "text";

  /** The separator of the files layout: a line holding only {@code %}. */
  static final String SEPARATOR = "\n%\n";

  private TextSource() {}

  /**
   * The records at {@code path}, lazily read on the executors.
   *
   * @param labelCol csv and parquet: the column of the class names
   * @param classNames the class names when known (a training set's): label {@code
   *     classNames.get(i)} is class i and any other label is an error naming it; empty: indexed
   *     from these records
   * @throws DataFormatException naming the path when a column is missing or not text
   */
  public static ReadData read(SparkSession spark, TextConfig text, String labelCol,
      String path, List<String> classNames) {
    Dataset<Row> named = switch (text.layout()) {
      case "files" -> spark.read().option("lineSep", SEPARATOR).text(path)
          .select(col("value").as(TEXT), col("_metadata.file_name").as(DataSources.LABEL));
      case "csv" -> columns(spark.read().option("header", true).option("multiLine", true)
          .csv(path), text.column(), labelCol, path);
      case "parquet" -> columns(spark.read().parquet(path), text.column(), labelCol, path);
      default -> throw new IllegalArgumentException("data.text.layout is '" + text.layout()
          + "'; allowed: files, csv, parquet");
    };
    // A file that starts or ends with a separator line leaves a bare % at a record's edge.
    Dataset<Row> records = named.withColumn(TEXT, trim(regexp_replace(
        regexp_replace(col(TEXT), "^%[ \\t]*(\\r?\\n|$)", ""), "(^|\\r?\\n)%[ \\t]*$", "")))
        .where(col(TEXT).isNotNull().and(col(TEXT).notEqual("")));
    LabelIndex index = LabelIndex.of(records, DataSources.LABEL, path, classNames);
    return new ReadData(records.map(new Indexed(index.indices(), path),
        Encoders.row(schema())), index.names());
  }

  /** The schema of the rows: text, label. */
  public static StructType schema() {
    return new StructType().add(TEXT, DataTypes.StringType, false)
        .add(DataSources.LABEL, DataTypes.DoubleType, false);
  }

  private static Dataset<Row> columns(Dataset<Row> df, String textCol, String labelCol,
      String path) {
    for (String c : new String[] {textCol, labelCol}) {
      if (!Arrays.asList(df.columns()).contains(c)) {
        throw new DataFormatException(path + ": no column '" + c + "' (data.text.column is '"
            + textCol + "', data.labelCol '" + labelCol + "'); its columns are "
            + String.join(", ", df.columns()));
      }
    }
    return df.select(col("`" + textCol + "`").cast("string").as(TEXT),
        col("`" + labelCol + "`").cast("string").as(DataSources.LABEL));
  }

  /** A class name to its index; a name outside the index fails naming it. */
  private static final class Indexed implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, Double> indices;
    private final String source;

    Indexed(Map<String, Double> indices, String source) {
      this.indices = new HashMap<>(indices);
      this.source = source;
    }

    @Override
    public Row call(Row row) {
      String label = row.getString(1);
      Double i = indices.get(label);
      if (i == null) {
        throw new DataFormatException(source + ": class '" + label + "' is not one of the"
            + " training set's " + indices.size() + " classes");
      }
      return RowFactory.create(row.getString(0), i);
    }
  }
}
