package org.sparkprop.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Reads LibSVM / SVMlight files on the executors through Spark's {@code libsvm} data source (from
 * spark-mllib): the features become a {@link DataSources#FEATURES} vector of
 * {@code numFeatures} values, kept sparse (a {@link SparseVector}; the shards hold it sparse or
 * dense, data.sparse), and {@link DataSources#ROW} numbers the samples in the order Spark
 * reads them (file order for one file; {@code zipWithIndex}, which runs one small job to count the
 * rows of each partition).
 *
 * <p>Spark parses the lines as {@link LibSvmReader} does (label, then 1-based ascending {@code
 * index:value} pairs; blank lines and {@code #} comments skipped) and rejects malformed ones when
 * the rows are computed. Values that are not finite, which Spark accepts, are rejected here, naming
 * the file and the sample.
 */
final class LibSvmSource {

  private LibSvmSource() {}

  /**
   * The file, directory or glob {@code path}.
   *
   * @param numFeatures features per row; {@code <= 0} lets Spark infer it as the largest index
   *     (one more pass over the data, on the executors)
   */
  static Dataset<Row> read(SparkSession spark, String path, int numFeatures) {
    var reader = spark.read().format("libsvm");
    if (numFeatures > 0) {
      reader = reader.option("numFeatures", numFeatures);
    }
    JavaRDD<Row> sparse = reader.load(path)
        .select(col("label"), col("features"), input_file_name())
        .javaRDD();
    JavaRDD<Row> rows = sparse.zipWithIndex().map(t -> {
      Row in = t._1();
      long index = t._2();
      double label = in.getDouble(0);
      SparseVector x = ((Vector) in.get(1)).toSparse();
      if (!Double.isFinite(label)) {
        throw new DataFormatException(in.getString(2) + " sample " + (index + 1) + ": label "
            + label + " is not finite");
      }
      double[] values = x.values();
      for (int e = 0; e < values.length; e++) {
        if (!Double.isFinite(values[e])) {
          throw new DataFormatException(in.getString(2) + " sample " + (index + 1)
              + ": value of feature " + (x.indices()[e] + 1) + " is " + values[e]
              + ", not finite");
        }
      }
      return RowFactory.create(x, label, index);
    });
    return spark.createDataFrame(rows.setName("libsvm " + path), DataSources.keyedSchema());
  }
}
