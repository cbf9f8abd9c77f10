package org.sparkprop.data;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.augment.ImageShape;
import org.sparkprop.train.DataConfig;

/**
 * Reads one data set of a job, on the executors, as a DataFrame: whatever the format, the rows
 * have {@link #FEATURES} (a dense ml {@code Vector} of the source's width) and {@link #LABEL} (a
 * double, or an {@code array<double>} when the config names several label columns). Formats
 * without keys (idx, libsvm, synthetic) add {@link #ROW}, the row's 0-based index in the source;
 * csv and parquet keep every other column of the source instead.
 *
 * <p>The rows hold the same numbers in the same order as the driver-side readers ({@link
 * IdxReader}, {@link CsvReader}, {@link LibSvmReader}, {@link ParquetReader}, {@link Synthetic}),
 * in double precision; the float32 a trainer makes of them is the old readers' float. The driver
 * reads at most file headers and schemas, plus small aggregates (csv column checks, the distinct
 * text labels); checks that need the rows run in the tasks, so a bad value surfaces when the rows
 * are first computed, as a Spark failure whose cause chain holds the {@link DataFormatException}
 * (see {@link DataFormatException#in}).
 */
public final class DataSources {

  /** Column of the features: an {@code org.apache.spark.ml.linalg.Vector}, dense. */
  public static final String FEATURES = "features";
  /** Column of the label: a double, or an {@code array<double>} for several label columns. */
  public static final String LABEL = "label";
  /** Column of the 0-based index of the row in the source order (idx, libsvm, synthetic only). */
  public static final String ROW = "row";

  /** A column the table readers add for messages only (the file a row comes from). */
  static final String FILE = "__sparkprop_file";

  /**
   * The keyed schema, made when first asked for: building it loads Spark SQL's types and ML's
   * vector type, which the typed IDX path (no rows, no SQL session) never needs.
   */
  private static final class Keyed {
    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
        DataTypes.createStructField(FEATURES, SQLDataTypes.VectorType(), false),
        DataTypes.createStructField(LABEL, DataTypes.DoubleType, false),
        DataTypes.createStructField(ROW, DataTypes.LongType, false)));
  }

  private DataSources() {}

  /**
   * Fails fast, before any Spark job, with the setting's name, when an input path does not exist
   * on its Hadoop file system (any URI: {@code file://}, {@code hdfs://}, {@code s3a://}, relative
   * paths; globs for csv, libsvm and parquet) or a synthetic set is unknown.
   *
   * @throws IllegalArgumentException such as {@code setting data.train: <path> does not exist}
   * @throws MissingSynonymsException when text augmentation's synonyms are missing (named)
   */
  public static void checkInputs(DataConfig data, Configuration hadoop) {
    switch (data.format()) {
      case SYNTHETIC -> {
        if (!Synthetic.NAMES.contains(data.train())) {
          throw new IllegalArgumentException("setting data.train is '" + data.train()
              + "'; with data.format=synthetic it must be one of "
              + String.join(", ", Synthetic.NAMES));
        }
      }
      case IDX -> {
        requirePath("data.train", data.train(), hadoop);
        requirePath("data.train.labels", idxLabels("data.train.labels", data.train(),
            data.trainLabels()).toString(), hadoop);
        if (!data.heldOut()) {
          requirePath("data.test", data.test(), hadoop);
          requirePath("data.test.labels", idxLabels("data.test.labels", data.test(),
              data.testLabels()).toString(), hadoop);
        }
        if (!data.validation().isEmpty()) {
          requirePath("data.validation", data.validation(), hadoop);
          requirePath("data.validation.labels", idxLabels("data.validation.labels",
              data.validation(), data.validationLabels()).toString(), hadoop);
        }
      }
      case CSV, LIBSVM, PARQUET, TEXT -> {
        requirePath("data.train", data.train(), hadoop);
        if (!data.heldOut()) {
          requirePath("data.test", data.test(), hadoop);
        }
        if (!data.validation().isEmpty()) {
          requirePath("data.validation", data.validation(), hadoop);
        }
      }
    }
    if (data.format() == DataConfig.Format.TEXT && data.text().augments()
        && data.text().augmentation().needsSynonyms()) {
      SynonymSource.check(data.text().synonyms(), hadoop);
    }
  }

  /**
   * As {@link #checkInputs}, for the one data set that a saved model is evaluated on or predicts
   * for: {@code data.test}, or {@code data.train} when that is empty (with its labels file for
   * idx). The other data settings are not looked at: they may name files that are gone, or keep
   * their defaults.
   *
   * @throws IllegalArgumentException such as {@code setting data.test: <path> does not exist}
   */
  public static void checkTestInput(DataConfig data, Configuration hadoop) {
    boolean test = !data.test().isEmpty();
    String setting = test ? "data.test" : "data.train";
    String path = test ? data.test() : data.train();
    switch (data.format()) {
      case SYNTHETIC -> {
        if (!Synthetic.NAMES.contains(path)) {
          throw new IllegalArgumentException("setting " + setting + " is '" + path
              + "'; with data.format=synthetic it must be one of "
              + String.join(", ", Synthetic.NAMES));
        }
      }
      case IDX -> {
        requirePath(setting, path, hadoop);
        requirePath(setting + ".labels", idxLabels(setting + ".labels", path,
            test ? data.testLabels() : data.trainLabels()).toString(), hadoop);
      }
      case CSV, LIBSVM, PARQUET, TEXT -> requirePath(setting, path, hadoop);
    }
  }

  /**
   * The data set at {@code path} in {@code data.format()}, read lazily on the executors; see
   * {@link #readWithLabels} (this drops the label names).
   */
  public static Dataset<Row> read(SparkSession spark, DataConfig data, String path, String labels,
      long seed) {
    return readWithLabels(spark, data, path, labels, seed).rows();
  }

  /**
   * A synthetic set's rows (features, label), generated on the executors without a SQL session:
   * the rows, partitions and order of {@link #readWithLabels} for the same set and seed.
   *
   * @throws IllegalArgumentException naming the set if it is unknown, or a bad size or noise
   */
  public static JavaRDD<Row> readSynthetic(SparkContext context, DataConfig data, String path,
      long seed) {
    return SyntheticSource.rows(JavaSparkContext.fromSparkContext(context), path,
        data.samples(), data.noise(), seed, false);
  }

  /**
   * The data set at {@code path} in {@code data.format()}, read lazily on the executors, with the
   * class names of a text label column (csv, parquet).
   *
   * @param path a Hadoop path or URI, or the name of a synthetic set
   * @param labels idx only: the labels file; empty to derive it from {@code path} ({@code
   *     images-idx3} → {@code labels-idx1} in the file name)
   * @param seed synthetic sets only: the generator's seed
   * @throws DataFormatException if a header, a schema or a column check fails (named)
   * @throws UnfittedTextException for {@code data.format=text}, whose features a train job fits
   *     (see {@code fit.TextSets})
   */
  public static ReadData readWithLabels(SparkSession spark, DataConfig data, String path,
      String labels, long seed) {
    return readWithLabels(spark, data, path, labels, seed, List.of());
  }

  /**
   * As {@link #readWithLabels(SparkSession, DataConfig, String, String, long)}, with the class
   * names a text label column maps to already known (a training set's, or a saved model's):
   * label {@code classNames.get(i)} is class i, and a label outside them is an error naming it.
   * Empty: indexed from this data set.
   */
  public static ReadData readWithLabels(SparkSession spark, DataConfig data, String path,
      String labels, long seed, List<String> classNames) {
    return switch (data.format()) {
      case SYNTHETIC -> new ReadData(
          SyntheticSource.read(spark, path, data.samples(), data.noise(), seed), List.of());
      case IDX -> new ReadData(IdxSource.read(spark, new Path(path),
          idxLabels("labels", path, labels), data.scale()), List.of());
      case CSV -> CsvSource.read(spark, path, data.labelColumns(), data.header(), classNames);
      case LIBSVM -> new ReadData(LibSvmSource.read(spark, path, data.numFeatures()), List.of());
      case PARQUET -> ParquetSource.read(spark, path, data.featuresCol(), data.labelCols(),
          classNames);
      case TEXT -> throw new UnfittedTextException(path);
    };
  }

  /**
   * The IDX data set at {@code path} (images) with {@code labels} (empty: derived from the name)
   * as items' bytes, read lazily on the executors in file order, partitioned as {@link
   * #readWithLabels} partitions its rows; see {@link IdxItems}.
   *
   * @throws DataFormatException if a header is bad or the counts disagree (named)
   */
  public static IdxItems readIdx(SparkSession spark, DataConfig data, String path,
      String labels) {
    return readIdx(spark.sparkContext(), data, path, labels);
  }

  /**
   * The image shape the training files declare: for IDX, the rows × columns × 1 of the images
   * file's header (read on the driver, 16 bytes); null for the other formats.
   */
  public static ImageShape imageShape(DataConfig data, Configuration conf) {
    if (data.format() != DataConfig.Format.IDX) {
      return null;
    }
    IdxHeader h = IdxHeader.images(new Path(data.train()), conf);
    return new ImageShape(h.rows(), h.columns(), 1);
  }

  /** As {@link #readIdx(SparkSession, DataConfig, String, String)}, with only a context. */
  public static IdxItems readIdx(SparkContext context, DataConfig data, String path,
      String labels) {
    return IdxSource.items(context, new Path(path), idxLabels("labels", path, labels),
        data.scale(), IdxSource.PARTITION_BYTES);
  }

  /**
   * The IDX images file at {@code path} read without labels (no labels file is opened), as items
   * whose label byte is 0, read lazily on the executors: the rows a teacher labels for
   * distillation ({@code distill.unlabeled}).
   *
   * @throws DataFormatException if the images header is bad (named)
   */
  public static IdxItems readIdxUnlabeled(SparkContext context, DataConfig data, String path) {
    return IdxSource.unlabeledItems(context, new Path(path), data.scale());
  }

  /**
   * The labels file that goes with an IDX images file by the MNIST naming convention, in the same
   * directory: {@code train-images-idx3-ubyte.gz} → {@code train-labels-idx1-ubyte.gz}.
   *
   * @throws DataFormatException if the file name does not contain {@code images-idx3}
   */
  public static Path labelsFor(Path images) {
    String name = images.getName();
    if (!name.contains("images-idx3")) {
      throw new DataFormatException("cannot derive the labels file from " + images
          + ": its name does not contain 'images-idx3' (give the labels file explicitly)");
    }
    return new Path(images.getParent(), name.replace("images-idx3", "labels-idx1"));
  }

  /** The schema of idx, libsvm and synthetic rows: features, label, row. */
  static StructType keyedSchema() {
    return Keyed.SCHEMA;
  }

  private static Path idxLabels(String setting, String images, String labels) {
    if (!labels.isEmpty()) {
      return new Path(labels);
    }
    try {
      return labelsFor(new Path(images));
    } catch (DataFormatException e) {
      throw new DataFormatException("setting " + setting + ": " + e.getMessage(), e);
    }
  }

  private static void requirePath(String setting, String path, Configuration hadoop) {
    Path p = new Path(path);
    FileStatus[] matches;
    try {
      matches = p.getFileSystem(hadoop).globStatus(p);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "setting " + setting + ": cannot look up " + path + ": " + e.getMessage(), e);
    }
    if (matches == null || matches.length == 0) {
      throw new IllegalArgumentException("setting " + setting + ": " + path + " does not exist");
    }
  }
}
