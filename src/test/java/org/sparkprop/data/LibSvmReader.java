package org.sparkprop.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads LibSVM / SVMlight files (one sample per line: {@code label index:value index:value ...}
 * with 1-based, ascending feature indices; absent features are 0) into dense {@link RawData} on
 * the driver.
 *
 * <p>Spark reads the files, so any path Spark can read works: local, HDFS, S3, a directory or a
 * glob. The parsing follows Spark's own {@code libsvm} data source (same line syntax, same
 * {@code numFeatures} rule), but is done here rather than through {@code
 * spark.read().format("libsvm")}: that source ships in {@code spark-mllib}, which this project
 * does not depend on, and its {@code features} column is an mllib {@code Vector} that could only
 * be unpacked with mllib on the classpath. Reading each file whole ({@code wholetext}) also lets
 * errors name the exact file and line, which Spark's line-split reader cannot.
 *
 * <p>Files are taken in path order, lines in file order, so the rows are deterministic. Each file
 * must fit in one Java string (2 GB); the dense result must fit on the driver in any case.
 */
public final class LibSvmReader {

  private LibSvmReader() {}

  /** One parsed line: label, 0-based ascending feature indices and their values. */
  private record SparseRow(float label, int[] indices, float[] values) {}

  /**
   * Reads the file, directory or glob {@code path}.
   *
   * @param numFeatures the number of features per row; {@code <= 0} infers it as the largest
   *     index found, as Spark's {@code libsvm} source does
   * @throws DataFormatException if nothing exists at {@code path}, it holds no samples, or a line
   *     is malformed (a bad label or {@code index:value} pair, indices not ascending, an index
   *     beyond {@code numFeatures}, a value that is not finite)
   */
  public static RawData read(SparkSession spark, String path, int numFeatures) {
    checkExists(spark, path);
    List<Row> files = spark.read()
        .option("wholetext", true)
        .text(path)
        .select(input_file_name().as("file"), col("value"))
        .collectAsList();
    List<Row> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing((Row r) -> r.getString(0)));

    List<SparseRow> rows = new ArrayList<>();
    int maxIndex = 0; // 1-based, 0 when no features at all
    for (Row file : sorted) {
      String name = file.getString(0);
      String[] lines = file.getString(1).split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        SparseRow row = parseLine(name, i + 1, lines[i], numFeatures);
        if (row != null) {
          rows.add(row);
          if (row.indices().length > 0) {
            maxIndex = Math.max(maxIndex, row.indices()[row.indices().length - 1] + 1);
          }
        }
      }
    }
    if (rows.isEmpty()) {
      throw new DataFormatException("LibSVM data " + path + " holds no samples");
    }
    int columns = numFeatures > 0 ? numFeatures : maxIndex;
    if (columns < 1) {
      throw new DataFormatException(
          "LibSVM data " + path + " has no feature values on any line and no numFeatures was given");
    }
    return densify(rows, columns, path);
  }

  private static void checkExists(SparkSession spark, String path) {
    org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(path);
    try {
      FileSystem fs = hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] matches = fs.globStatus(hadoopPath);
      if (matches == null || matches.length == 0) {
        throw new DataFormatException("LibSVM file not found: " + path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot access " + path + ": " + e.getMessage(), e);
    }
  }

  /** Parses one line; {@code null} for a blank line or a {@code #} comment. */
  private static SparseRow parseLine(String file, int lineNumber, String line, int numFeatures) {
    String text = line.strip();
    if (text.isEmpty() || text.startsWith("#")) {
      return null;
    }
    String[] items = text.split("\\s+");
    float label = parse(file, lineNumber, items[0], "label");
    int[] indices = new int[items.length - 1];
    float[] values = new float[items.length - 1];
    int previous = 0;
    for (int k = 1; k < items.length; k++) {
      String item = items[k];
      int colon = item.indexOf(':');
      if (colon <= 0 || colon == item.length() - 1) {
        throw new DataFormatException(
            file + " line " + lineNumber + ": \"" + item + "\" is not an index:value pair");
      }
      int index;
      try {
        index = Integer.parseInt(item.substring(0, colon));
      } catch (NumberFormatException e) {
        throw new DataFormatException(
            file + " line " + lineNumber + ": \"" + item.substring(0, colon)
                + "\" is not a feature index");
      }
      if (index < 1) {
        throw new DataFormatException(
            file + " line " + lineNumber + ": feature index " + index
                + " is invalid, indices start at 1");
      }
      if (index <= previous) {
        throw new DataFormatException(
            file + " line " + lineNumber + ": feature index " + index + " follows " + previous
                + ", indices must be strictly ascending");
      }
      if (numFeatures > 0 && index > numFeatures) {
        throw new DataFormatException(
            file + " line " + lineNumber + ": feature index " + index + " exceeds numFeatures "
                + numFeatures);
      }
      previous = index;
      indices[k - 1] = index - 1;
      values[k - 1] = parse(file, lineNumber, item.substring(colon + 1), "value of feature " + index);
    }
    return new SparseRow(label, indices, values);
  }

  private static float parse(String file, int lineNumber, String text, String what) {
    float v;
    try {
      v = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new DataFormatException(
          file + " line " + lineNumber + ": " + what + " \"" + text + "\" is not a number");
    }
    if (!Float.isFinite(v)) {
      throw new DataFormatException(
          file + " line " + lineNumber + ": " + what + " \"" + text + "\" is not finite");
    }
    return v;
  }

  private static RawData densify(List<SparseRow> rows, int columns, String source) {
    long size = (long) rows.size() * columns;
    if (size > Integer.MAX_VALUE - 8) {
      throw new DataFormatException(
          "LibSVM data " + source + " has " + rows.size() + " rows × " + columns
              + " features, too many for one dense array on the driver");
    }
    float[] features = new float[(int) size];
    float[] labels = new float[rows.size()];
    for (int n = 0; n < rows.size(); n++) {
      SparseRow row = rows.get(n);
      labels[n] = row.label();
      for (int k = 0; k < row.indices().length; k++) {
        features[n * columns + row.indices()[k]] = row.values()[k];
      }
    }
    return new RawData(features, rows.size(), columns, labels, source);
  }
}
