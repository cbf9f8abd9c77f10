package org.sparkprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.sparkprop.data.DataSources;
import org.sparkprop.fit.Columns;
import org.sparkprop.fit.DistributedFit;
import org.sparkprop.fit.JobData;
import org.sparkprop.spark.ShardInput;
import org.sparkprop.fit.Predictions;
import org.sparkprop.nn.QuantizedForward;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.spark.OutputExistsException;
import org.sparkprop.train.DataConfig;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.MetricSums;
import org.sparkprop.train.Settings;

/**
 * The jobs on a saved model: {@code evaluate} (quality figures of the model on a data set, as
 * JSON) and {@code predict} (the model's outputs for every row, written as Parquet or CSV). The
 * data set is the settings' {@code data.test}, or {@code data.train} when that is empty, read in
 * {@code data.format} on the executors. The model and the output are Hadoop URIs.
 */
public final class ModelJob {

  private final Path model;
  private final JobConfig config;
  private final DataConfig data;
  private final String master;
  private final Path out;
  private final PrintStream console;

  /**
   * Validates the settings and the model path before any Spark work; input files are checked
   * once the session's Hadoop configuration is known, before any Spark job.
   */
  public ModelJob(Path model, Settings settings, Path out, PrintStream console) {
    try {
      if (!ModelFile.isFile(HadoopOutput.fileSystem(model, Sessions.hadoopConfiguration()),
          new Path(model, "model.json"))) {
        throw new IllegalArgumentException(model + " is not a sparkprop model: no model.json");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look into model directory " + model, e);
    }
    this.config = JobConfig.from(settings);
    this.model = model;
    this.data = config.data();
    this.master = config.master();
    this.out = out;
    this.console = console;
  }

  private String path() {
    return data.test().isEmpty() ? data.train() : data.test();
  }

  private String labels() {
    return data.test().isEmpty() ? data.trainLabels() : data.testLabels();
  }

  /**
   * Writes (to {@code out}, when given, which must not exist) and prints the model's figures on
   * the data set, computed on the executors.
   */
  public Map<String, Object> evaluate() throws IOException {
    if (out != null && HadoopOutput.fileSystem(out, Sessions.hadoopConfiguration()).exists(out)) {
      throw new OutputExistsException(out, "an evaluation");
    }
    return withSpark(spark -> {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Configuration hadoop = sc.hadoopConfiguration();
      DataSources.checkTestInput(data, hadoop);
      ModelFile.Loaded loaded = ModelFile.read(model, hadoop);
      ShardInput<?> input = JobData.input(spark, data, path(), labels(),
          loaded.network().spec(), 0, loaded.classNames());
      MetricSums sums = loaded.quantized() == null
          ? DistributedFit.evaluate(sc, loaded.network(), loaded.theta(), input, config)
          : DistributedFit.evaluate(sc, loaded.network(), loaded.quantized(), input, config);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("model", model.toString());
      figures.put("data", path());
      if (loaded.quantized() != null) {
        figures.put("quantization", loaded.quantized().type().label());
      }
      figures.putAll(sums.figures());
      if (!loaded.classNames().isEmpty()) {
        figures.put("class_names", loaded.classNames());
      }
      String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures);
      if (out != null) {
        HadoopOutput.of(out, hadoop).createFile(out, "an evaluation",
            json.getBytes(StandardCharsets.UTF_8));
      }
      console.println(json);
      return figures;
    });
  }

  /**
   * Writes one row per input row, computed on the executors ({@link Predictions}): the input's
   * columns but the features (so rows keep their keys; formats without keys carry a {@code row}
   * index), {@code prediction} (the class, or the first output of a regression) and the outputs
   * s^L, as a partitioned Parquet directory ({@code outputs} array column) or, for a path ending
   * in .csv, a CSV directory ({@code output_0 …} columns). The setting
   * {@code data.outputFiles} (0: one per partition) sets how many files. An existing
   * {@code out} is refused before any Spark work ({@link OutputExistsException}).
   */
  public long predict() throws IOException {
    if (out == null) {
      throw new IllegalArgumentException("predict needs --out PATH (.csv for CSV, else Parquet)");
    }
    if (HadoopOutput.fileSystem(out, Sessions.hadoopConfiguration()).exists(out)) {
      throw new OutputExistsException(out, "a prediction output");
    }
    return withSpark(spark -> {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      DataSources.checkTestInput(data, sc.hadoopConfiguration());
      ModelFile.Loaded loaded = ModelFile.read(model, sc.hadoopConfiguration());
      boolean csv = out.getName().toLowerCase(Locale.ROOT).endsWith(".csv");
      Dataset<Row> df = DataSources.readWithLabels(spark, data, path(), labels(), 0,
          loaded.classNames()).rows();
      Columns.requireFeatures(df.schema(), DataSources.FEATURES, loaded.network().spec().size(0));
      Broadcast<?> theta = loaded.quantized() == null ? sc.broadcast(loaded.theta())
          : sc.broadcast(new QuantizedForward(loaded.network(), loaded.quantized()));
      try {
        @SuppressWarnings("unchecked")
        Dataset<Row> predictions = loaded.quantized() == null
            ? Predictions.of(df, DataSources.FEATURES, loaded.network(),
                (Broadcast<float[]>) theta, csv)
            : Predictions.ofQuantized(df, DataSources.FEATURES, loaded.network(),
                (Broadcast<QuantizedForward>) theta, csv);
        if (config.outputFiles() > 0) {
          predictions = predictions.coalesce(config.outputFiles());
        }
        sc.setJobDescription("predict " + path());
        // Spark writes into a temporary folder and commits it: a failed write leaves no output.
        if (csv) {
          predictions.write().mode(SaveMode.ErrorIfExists).option("header", true)
              .csv(out.toString());
        } else {
          predictions.write().mode(SaveMode.ErrorIfExists).parquet(out.toString());
        }
        // Counted from what was committed, by the executors.
        long written = csv ? spark.read().option("header", true).csv(out.toString()).count()
            : spark.read().parquet(out.toString()).count();
        console.println("sparkprop: wrote " + written + " predictions to " + out);
        return written;
      } finally {
        theta.destroy();
      }
    });
  }

  private <T> T withSpark(Sessions.Work<T> work) throws IOException {
    return Sessions.run(master, work);
  }
}
