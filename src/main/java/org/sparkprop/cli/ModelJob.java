package org.sparkprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.spark.OutputExistsException;
import org.sparkprop.train.DataConfig;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Settings;

/**
 * The jobs on a saved model: {@code evaluate} (quality figures of the model on a data set, as
 * JSON) and {@code predict} (the model's outputs for every row, written as Parquet or CSV). The
 * data set is the settings' {@code data.test}, or {@code data.train} when that is empty, read in
 * {@code data.format}. The model and the output are Hadoop URIs.
 */
public final class ModelJob {

  private final Path model;
  private final DataConfig data;
  private final String master;
  private final Path out;
  private final PrintStream console;

  /** Validates the settings and the paths before any Spark work. */
  public ModelJob(Path model, Settings settings, Path out, PrintStream console) {
    try {
      if (!ModelFile.isFile(HadoopOutput.fileSystem(model, Sessions.hadoopConfiguration()),
          new Path(model, "model.json"))) {
        throw new IllegalArgumentException(model + " is not a sparkprop model: no model.json");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look into model directory " + model, e);
    }
    JobConfig config = JobConfig.from(settings);
    this.model = model;
    this.data = config.data();
    this.master = config.master();
    this.out = out;
    this.console = console;
    DataLoader.checkInputs(data);
  }

  private String path() {
    return data.test().isEmpty() ? data.train() : data.test();
  }

  private String labels() {
    return data.test().isEmpty() ? data.trainLabels() : data.testLabels();
  }

  /**
   * Writes (to {@code out}, when given, which must not exist) and prints the model's figures on
   * the data set.
   */
  public Map<String, Object> evaluate() throws IOException {
    if (out != null && HadoopOutput.fileSystem(out, Sessions.hadoopConfiguration()).exists(out)) {
      throw new OutputExistsException(out, "an evaluation");
    }
    return withSpark(spark -> {
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      ModelFile.Loaded loaded = ModelFile.read(model, hadoop);
      Samples samples = DataLoader.loadOne(data, path(), labels(), loaded.network().spec(), spark);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("model", model.toString());
      figures.put("data", path());
      figures.putAll(Metrics.of(loaded.network(), loaded.theta(), samples));
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
   * Writes one row per sample: {@code prediction} (the class, or the first output of a
   * regression) and the outputs s^L, as Parquet ({@code outputs} array column) or, for a path
   * ending in .csv, CSV ({@code output_0 …} columns).
   */
  public long predict() throws IOException {
    if (out == null) {
      throw new IllegalArgumentException("predict needs --out PATH (.csv for CSV, else Parquet)");
    }
    return withSpark(spark -> {
      ModelFile.Loaded loaded = ModelFile.read(model, spark.sparkContext().hadoopConfiguration());
      Samples samples = DataLoader.loadOne(data, path(), labels(), loaded.network().spec(), spark);
      float[] outputs = Metrics.outputs(loaded.network(), loaded.theta(), samples);
      int c = samples.outputs();
      boolean classifies = loaded.network().spec().classifies();
      boolean csv = out.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
      List<StructField> fields = new ArrayList<>();
      fields.add(DataTypes.createStructField("prediction", DataTypes.DoubleType, false));
      if (csv) {
        for (int j = 0; j < c; j++) {
          fields.add(DataTypes.createStructField("output_" + j, DataTypes.DoubleType, false));
        }
      } else {
        fields.add(DataTypes.createStructField("outputs",
            DataTypes.createArrayType(DataTypes.DoubleType, false), false));
      }
      List<Row> rows = new ArrayList<>(samples.rows());
      for (int n = 0; n < samples.rows(); n++) {
        double prediction = classifies ? Metrics.predicted(outputs, n, c) : outputs[n * c];
        Object[] values = new Object[csv ? 1 + c : 2];
        values[0] = prediction;
        if (csv) {
          for (int j = 0; j < c; j++) {
            values[1 + j] = (double) outputs[n * c + j];
          }
        } else {
          double[] s = new double[c];
          for (int j = 0; j < c; j++) {
            s[j] = outputs[n * c + j];
          }
          values[1] = s;
        }
        rows.add(RowFactory.create(values));
      }
      Dataset<Row> df = spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)));
      // Spark writes into a temporary folder and commits it: a failed write leaves no output.
      if (csv) {
        df.coalesce(1).write().mode(SaveMode.ErrorIfExists).option("header", true).csv(out.toString());
      } else {
        df.write().mode(SaveMode.ErrorIfExists).parquet(out.toString());
      }
      console.println("sparkprop: wrote " + samples.rows() + " predictions to " + out);
      return (long) samples.rows();
    });
  }

  private <T> T withSpark(Sessions.Work<T> work) throws IOException {
    return Sessions.run(master, work);
  }
}
