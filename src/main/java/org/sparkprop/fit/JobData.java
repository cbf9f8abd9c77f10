package org.sparkprop.fit;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import java.util.List;
import org.sparkprop.data.DataSources;
import org.sparkprop.data.IdxItems;
import org.sparkprop.data.ReadData;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.train.DataConfig;

/**
 * A command-line job's data sets as lazy, distributed rows: each set is read on the executors
 * ({@link DataSources}), its schema checked against the network once on the driver, and every
 * row turned into a checked {@link SampleRow} where it is read. A test set carved out of the
 * training data is a seeded {@link HeldOut} split (seed); the validation share, when it is a
 * fraction, is split off later by the fit (seed + 2).
 *
 * @param validation the validation file's rows, or null (none, or a fraction of train)
 * @param classNames the training set's text labels, class 0 first (empty for numeric labels);
 *     the test and validation sets are indexed with them
 */
public record JobData(JavaRDD<SampleRow> train, JavaRDD<SampleRow> validation,
    JavaRDD<SampleRow> test, String trainSource, String testSource, List<String> classNames) {

  /** The job's training, validation and test rows for {@code network}, nothing read yet. */
  public static JobData read(SparkSession spark, DataConfig data, NetworkSpec network,
      long seed) {
    List<String> names;
    JavaRDD<SampleRow> train;
    if (data.format() == DataConfig.Format.IDX) {
      names = List.of();
      train = rows(DataSources.readIdx(spark, data, data.train(), data.trainLabels()), data.train(),
          network);
    } else {
      ReadData read = DataSources.readWithLabels(spark, data, data.train(), data.trainLabels(),
          seed);
      names = read.labelNames();
      train = rows(read.rows(), data.train(), network);
    }
    JavaRDD<SampleRow> test;
    String testSource;
    if (data.heldOut()) {
      JavaRDD<SampleRow>[] split = HeldOut.split(train, data.testFraction(), seed);
      train = split[0];
      test = split[1];
      testSource = data.testFraction() + " of " + data.train() + " held out";
    } else {
      test = rows(spark, data, data.test(), data.testLabels(), network, seed + 1, names);
      testSource = data.test();
    }
    JavaRDD<SampleRow> validation = data.validation().isEmpty() ? null
        : rows(spark, data, data.validation(), data.validationLabels(), network, seed + 2, names);
    return new JobData(train, validation, test, data.train(), testSource, names);
  }

  /**
   * One data set at {@code path} (labels file for idx) as checked rows for {@code network}; text
   * labels map to {@code classNames} (a training set's or a model's; empty: none known).
   */
  public static JavaRDD<SampleRow> rows(SparkSession spark, DataConfig data, String path,
      String labels, NetworkSpec network, long seed, List<String> classNames) {
    if (data.format() == DataConfig.Format.IDX) {
      return rows(DataSources.readIdx(spark, data, path, labels), path, network);
    }
    return rows(DataSources.readWithLabels(spark, data, path, labels, seed, classNames).rows(),
        path, network);
  }

  /**
   * The samples of an IDX data set, straight from its items' bytes: the same samples, in the same
   * order and partitions, as {@link #rows(Dataset, String, NetworkSpec)} makes from its rows.
   */
  public static JavaRDD<SampleRow> rows(IdxItems items, String source, NetworkSpec network) {
    return items.items()
        .map(new IdxToSample(DataSources.FEATURES, source + " label", items.pixels(),
            items.scale(), network.size(0), network.size(network.depth()), network.classifies()))
        .setName("sparkprop rows of " + source);
  }

  /**
   * The rows of a data set read by {@link DataSources}: features and label checked against the
   * network's inputs and outputs by schema here, and value by value on the executors.
   */
  public static JavaRDD<SampleRow> rows(Dataset<Row> df, String source, NetworkSpec network) {
    int inputs = network.size(0);
    int outputs = network.size(network.depth());
    boolean classify = network.classifies();
    String label = DataSources.LABEL;
    try {
      Columns.requireFeatures(df.schema(), DataSources.FEATURES, inputs);
      if (classify) {
        Columns.requireClassLabel(df.schema(), label);
      } else {
        Columns.requireRegressionLabel(df.schema(), label, outputs);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("data " + source + ": " + e.getMessage(), e);
    }
    return df.select(DataSources.FEATURES, label).javaRDD()
        .map(new RowToSample(DataSources.FEATURES, source + " label", inputs, outputs, classify))
        .setName("sparkprop rows of " + source);
  }
}
