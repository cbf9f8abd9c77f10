package org.sparkprop.fit;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import java.util.List;
import java.util.function.Supplier;
import org.sparkprop.data.DataSources;
import org.sparkprop.data.IdxItems;
import org.sparkprop.data.ReadData;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.spark.ShardInput;
import org.sparkprop.train.DataConfig;

/**
 * A command-line job's data sets as lazy, distributed inputs to shards: each set is read on the
 * executors ({@link DataSources}), its schema checked against the network once on the driver, and
 * every item turned into a checked sample where it is packed. An IDX set brings its per-partition
 * counts from its header. A test set carved out of the training data is a seeded {@link HeldOut}
 * split (seed); the validation share, when it is a fraction, is split off later by the fit
 * (seed + 2). A validation set read from the test set's files is the same input as the test set,
 * so the fit packs it once.
 *
 * @param validation the validation file's items, or null (none, or a fraction of train)
 * @param classNames the training set's text labels, class 0 first (empty for numeric labels);
 *     the test and validation sets are indexed with them
 */
public record JobData(ShardInput<?> train, ShardInput<?> validation, ShardInput<?> test,
    String trainSource, String testSource, List<String> classNames) {

  /** The job's training, validation and test sets for {@code network}, nothing read yet. */
  public static JobData read(SparkSession spark, DataConfig data, NetworkSpec network,
      long seed) {
    return read(spark.sparkContext(), () -> spark, data, network, seed);
  }

  /**
   * As {@link #read(SparkSession, DataConfig, NetworkSpec, long)} on {@code context}, asking
   * {@code session} for a SQL session only for the sources that read through one (IDX files
   * need none).
   */
  public static JobData read(SparkContext context, Supplier<SparkSession> session,
      DataConfig data, NetworkSpec network, long seed) {
    if (data.format() == DataConfig.Format.TEXT) {
      return text(TextSets.read(session.get(), data, seed), data, network);
    }
    List<String> names;
    ShardInput<?> train;
    if (data.format() == DataConfig.Format.IDX) {
      names = List.of();
      train = input(DataSources.readIdx(context, data, data.train(), data.trainLabels()),
          data.train(), network);
    } else if (data.format() == DataConfig.Format.SYNTHETIC) {
      names = List.of();
      train = input(synthetic(context, data, data.train(), network, seed), network);
    } else {
      ReadData read = DataSources.readWithLabels(session.get(), data, data.train(),
          data.trainLabels(), seed);
      names = read.labelNames();
      train = input(rows(read.rows(), data.train(), network), network);
    }
    ShardInput<?> test;
    String testSource;
    if (data.heldOut()) {
      JavaRDD<SampleRow>[] split = HeldOut.split(train.rows(), data.testFraction(), seed);
      train = input(split[0], network);
      test = input(split[1], network);
      testSource = data.testFraction() + " of " + data.train() + " held out";
    } else {
      test = input(context, session, data, data.test(), data.testLabels(), network, seed + 1,
          names);
      testSource = data.test();
    }
    // A validation set read from the test set's files is the test set: read and packed once.
    boolean sameFiles = !data.heldOut() && data.format() != DataConfig.Format.SYNTHETIC
        && data.validation().equals(data.test())
        && data.validationLabels().equals(data.testLabels());
    ShardInput<?> validation = data.validation().isEmpty() ? null
        : sameFiles ? test
        : input(context, session, data, data.validation(), data.validationLabels(), network,
            seed + 2, names);
    return new JobData(train, validation, test, data.train(), testSource, names);
  }

  /** Text records made features by {@link TextSets}, split and fit already. */
  private static JobData text(TextSets sets, DataConfig data, NetworkSpec network) {
    ShardInput<?> train = input(rows(sets.train(), data.train(), network), network);
    ShardInput<?> test = input(rows(sets.test(), sets.testSource(), network), network);
    ShardInput<?> validation = sets.validation() == null ? null
        : input(rows(sets.validation(), data.validation(), network), network);
    return new JobData(train, validation, test, data.train(), sets.testSource(),
        sets.classNames());
  }

  /**
   * One data set at {@code path} (labels file for idx) as the input to shards for
   * {@code network}; text labels map to {@code classNames} (a training set's or a model's; empty:
   * none known).
   */
  public static ShardInput<?> input(SparkSession spark, DataConfig data, String path,
      String labels, NetworkSpec network, long seed, List<String> classNames) {
    return input(spark.sparkContext(), () -> spark, data, path, labels, network, seed,
        classNames);
  }

  private static ShardInput<?> input(SparkContext context, Supplier<SparkSession> session,
      DataConfig data, String path, String labels, NetworkSpec network, long seed,
      List<String> classNames) {
    if (data.format() == DataConfig.Format.IDX) {
      return input(DataSources.readIdx(context, data, path, labels), path, network);
    }
    if (data.format() == DataConfig.Format.SYNTHETIC) {
      return input(synthetic(context, data, path, network, seed), network);
    }
    return input(rows(session.get(), data, path, labels, network, seed, classNames), network);
  }

  /**
   * A synthetic set's samples, generated on the executors without a SQL session: the samples,
   * partitions and order that {@link #rows(Dataset, String, NetworkSpec)} makes from its
   * DataFrame (whose schema carries no vector size to check: sizes are checked row by row).
   */
  private static JavaRDD<SampleRow> synthetic(SparkContext context, DataConfig data,
      String path, NetworkSpec network, long seed) {
    return DataSources.readSynthetic(context, data, path, seed)
        .map(new RowToSample(DataSources.FEATURES, path + " label", network.size(0),
            network.size(network.depth()), network.classifies()))
        .setName("sparkprop rows of " + path);
  }

  /** An IDX data set's items as the input to shards, with the counts its header gives. */
  public static ShardInput<byte[]> input(IdxItems items, String source, NetworkSpec network) {
    return new ShardInput<>(items.items(), idxToSample(items, source, network),
        items.partitionRows(), items.whole());
  }

  private static ShardInput<?> input(JavaRDD<SampleRow> rows, NetworkSpec network) {
    return ShardInput.of(rows, network.size(0), network.size(network.depth()));
  }

  private static IdxToSample idxToSample(IdxItems items, String source, NetworkSpec network) {
    return new IdxToSample(DataSources.FEATURES, source + " label", items.pixels(),
        items.scale(), network.size(0), network.size(network.depth()), network.classifies());
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
    return items.items().map(idxToSample(items, source, network))
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
