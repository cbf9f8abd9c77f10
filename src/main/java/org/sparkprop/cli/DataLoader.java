package org.sparkprop.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.data.CsvReader;
import org.sparkprop.data.DataFormatException;
import org.sparkprop.data.IdxReader;
import org.sparkprop.data.LibSvmReader;
import org.sparkprop.data.ParquetReader;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Split;
import org.sparkprop.data.Synthetic;
import org.sparkprop.data.Targets;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.train.DataConfig;
import org.sparkprop.train.Samples;

/** Reads a job's data as its {@link DataConfig} says, and shapes it for the network. */
public final class DataLoader {

  private DataLoader() {}

  /**
   * Fails fast, before Spark starts, when a local input file is missing or a synthetic set is
   * unknown; paths with a non-file URI scheme (hdfs://, s3a:// …) are left to Spark.
   */
  public static void checkInputs(DataConfig data) {
    switch (data.format()) {
      case SYNTHETIC -> {
        if (!Synthetic.NAMES.contains(data.train())) {
          throw new IllegalArgumentException("setting data.train is '" + data.train()
              + "'; with data.format=synthetic it must be one of " + String.join(", ", Synthetic.NAMES));
        }
      }
      case IDX -> {
        requireFile("data.train", data.train());
        requireFile("data.train.labels", idxLabels(data.train(), data.trainLabels()).toString());
        if (!data.heldOut()) {
          requireFile("data.test", data.test());
          requireFile("data.test.labels", idxLabels(data.test(), data.testLabels()).toString());
        }
        if (!data.validation().isEmpty()) {
          requireFile("data.validation", data.validation());
          requireFile("data.validation.labels",
              idxLabels(data.validation(), data.validationLabels()).toString());
        }
      }
      case CSV, LIBSVM, PARQUET -> {
        requireFile("data.train", data.train());
        if (!data.heldOut()) {
          requireFile("data.test", data.test());
        }
        if (!data.validation().isEmpty()) {
          requireFile("data.validation", data.validation());
        }
      }
    }
  }

  /**
   * Loads training, validation and test samples for {@code network}; Spark is needed for libsvm
   * only. Held-out parts are split off the training data with the seed: the test set first, then
   * the validation set from what remains.
   */
  public static LoadedData load(DataConfig data, NetworkSpec network, long seed,
      SparkSession spark) {
    RawData train = read(data, data.train(), data.trainLabels(), seed, spark);
    RawData test;
    if (data.heldOut()) {
      RawData[] split = Split.trainTest(train, data.testFraction(), seed);
      train = split[0];
      test = split[1];
    } else {
      test = read(data, data.test(), data.testLabels(), seed + 1, spark);
    }
    RawData validation = null;
    if (!data.validation().isEmpty()) {
      validation = read(data, data.validation(), data.validationLabels(), seed + 2, spark);
    } else if (data.validationFraction() > 0) {
      RawData[] split = Split.trainTest(train, data.validationFraction(), seed + 2);
      train = split[0];
      validation = split[1];
    }
    for (RawData d : new RawData[] {train, test, validation}) {
      if (d != null) {
        Targets.checkInputs(d, network.size(0));
      }
    }
    if (train.rows() == 0) {
      throw new IllegalArgumentException("training data " + train.source() + " has no rows");
    }
    return new LoadedData(shape(train, network),
        validation == null ? null : shape(validation, network), shape(test, network),
        train.source(), test.source());
  }

  /** One data set (a path of this config's format), shaped for {@code network}. */
  public static Samples loadOne(DataConfig data, String path, String labels, NetworkSpec network,
      SparkSession spark) {
    RawData raw = read(data, path, labels, 0, spark);
    Targets.checkInputs(raw, network.size(0));
    return shape(raw, network);
  }

  private static RawData read(DataConfig data, String path, String labels, long seed,
      SparkSession spark) {
    return switch (data.format()) {
      case SYNTHETIC -> Synthetic.byName(path, data.samples(), data.noise(), seed);
      case IDX -> IdxReader.read(Path.of(path), idxLabels(path, labels), data.scale());
      case CSV -> CsvReader.read(Path.of(path), data.labelColumn(), data.header());
      case LIBSVM -> LibSvmReader.read(spark, path, data.numFeatures());
      case PARQUET -> ParquetReader.read(spark, path, data.featuresCol(), data.labelCol());
    };
  }

  /** Targets for the network: one-hot class posteriors, 0/1 for one sigmoid unit, or real values. */
  static Samples shape(RawData d, NetworkSpec network) {
    int outputs = network.size(network.depth());
    if (!network.classifies()) {
      if (outputs != 1) {
        throw new IllegalArgumentException("layers ends with " + outputs
            + " linear outputs, but data " + d.source() + " has one target per row");
      }
      return Targets.regression(d);
    }
    if (outputs == 1) {
      for (int n = 0; n < d.rows(); n++) {
        float label = d.labels()[n];
        if (label != 0f && label != 1f) {
          throw new DataFormatException("data " + d.source() + " row " + (n + 1) + ": label "
              + label + " is not 0 or 1, as one sigmoid output needs");
        }
      }
      return Targets.regression(d);
    }
    return Targets.oneHot(d, outputs);
  }

  private static Path idxLabels(String images, String labels) {
    return labels.isEmpty() ? IdxReader.labelsFor(Path.of(images)) : Path.of(labels);
  }

  private static void requireFile(String setting, String path) {
    if (path.contains("://") && !path.startsWith("file:")) {
      return;
    }
    Path p = path.startsWith("file:") ? Path.of(URI.create(path)) : Path.of(path);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("setting " + setting + ": " + p + " does not exist");
    }
  }
}
