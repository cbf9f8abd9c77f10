package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.ml.NeuralNetRegressionModel;
import org.sparkprop.ml.NeuralNetRegressor;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;

/**
 * The command line and the Estimator standardize the inputs by one computation: on a column with
 * a large mean (10⁴) and a small spread (σ = 0.01) both give μ and σ² within float rounding of
 * the two-pass values in double, and the same bits as each other and as the in-memory pass.
 * Σx² − Nμ² in double misses σ² there by about 1%, so it would fail these checks.
 */
class LargeMeanStandardizationTest {

  private static final int ROWS = 4000;
  private static final int INPUTS = 2;

  /** σ² within this share of the two-pass value: float storage alone allows 6·10⁻⁸. */
  private static final double VARIANCE_TOLERANCE = 1e-6;

  @Test
  void commandLineAndEstimatorAgreeOnALargeMean(@TempDir Path dir) throws IOException {
    float[] x = new float[ROWS * INPUTS];
    float[] y = new float[ROWS];
    Random random = new Random(3);
    for (int n = 0; n < ROWS; n++) {
      x[n * INPUTS] = (float) (1e4 + 0.01 * random.nextGaussian());
      x[n * INPUTS + 1] = (float) random.nextGaussian();
      y[n] = 0.5f * x[n * INPUTS + 1];
    }
    double[] mu = new double[INPUTS];
    double[] variance = new double[INPUTS];
    twoPass(x, mu, variance);
    // The old formula misses this data's σ² by far more than the tolerance.
    double naive = naiveVariance(x, 0);
    assertTrue(Math.abs(naive - variance[0]) > 100 * VARIANCE_TOLERANCE * variance[0],
        "Σx² − Nμ² gives " + naive + " for " + variance[0]);

    float[] cli = commandLine(dir, x, y);
    float[] estimator = estimator(x, y);
    Network memory = new Network(JobConfig.from(Settings.defaults()
        .withOverride("layers=2,4,1", "--set").withOverride("output=linear", "--set")
        .withOverride("standardize=true", "--set")).network());
    memory.fitStandardization(x, 0, ROWS);
    float[] inMemory = Arrays.copyOf(memory.state().values(), 2 * INPUTS);

    for (float[] got : List.of(cli, estimator, inMemory)) {
      for (int j = 0; j < INPUTS; j++) {
        assertEquals(mu[j], got[j], Math.ulp((float) mu[j]), "μ_" + j);
        assertEquals(variance[j], got[INPUTS + j], VARIANCE_TOLERANCE * variance[j], "σ²_" + j);
      }
    }
    // The same shards merged in the same order: the same bits.
    assertArrayEquals(cli, estimator);
  }

  /** μ_j and σ_j² (N − 1) by two passes in double. */
  private static void twoPass(float[] x, double[] mu, double[] variance) {
    for (int n = 0; n < ROWS; n++) {
      for (int j = 0; j < INPUTS; j++) {
        mu[j] += x[n * INPUTS + j];
      }
    }
    for (int j = 0; j < INPUTS; j++) {
      mu[j] /= ROWS;
    }
    for (int n = 0; n < ROWS; n++) {
      for (int j = 0; j < INPUTS; j++) {
        double d = x[n * INPUTS + j] - mu[j];
        variance[j] += d * d;
      }
    }
    for (int j = 0; j < INPUTS; j++) {
      variance[j] /= ROWS - 1;
    }
  }

  /** σ_j² as (Σx² − Nμ²)/(N − 1), sums in double. */
  private static double naiveVariance(float[] x, int j) {
    double sum = 0;
    double squares = 0;
    for (int n = 0; n < ROWS; n++) {
      double v = x[n * INPUTS + j];
      sum += v;
      squares += v * v;
    }
    double mean = sum / ROWS;
    return Math.max(0, squares - ROWS * mean * mean) / (ROWS - 1);
  }

  /** The standardization (μ then σ²) of the model a one-epoch command-line run writes. */
  private static float[] commandLine(Path dir, float[] x, float[] y) throws IOException {
    Path csv = dir.resolve("train.csv");
    StringBuilder text = new StringBuilder();
    for (int n = 0; n < ROWS; n++) {
      text.append(y[n]).append(',').append(x[n * INPUTS]).append(',')
          .append(x[n * INPUTS + 1]).append('\n');
    }
    Files.writeString(csv, text);
    LocalSpark.context();
    Path out = dir.resolve("run");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--set", "data.format=csv", "--set",
        "data.train=" + csv, "--set", "data.test=" + csv, "--set", "layers=2,4,1",
        "--set", "output=linear", "--set", "standardize=true", "--set", "epochs=1",
        "--set", "partitions=3", "--out", out.toString()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    return Arrays.copyOf(ModelFile.read(out.resolve("model")).network().state().values(),
        2 * INPUTS);
  }

  /** The standardization (μ then σ²) of a one-iteration Estimator fit. */
  private static float[] estimator(float[] x, float[] y) {
    List<Row> rows = new ArrayList<>();
    for (int n = 0; n < ROWS; n++) {
      rows.add(RowFactory.create(Vectors.dense(x[n * INPUTS], x[n * INPUTS + 1]),
          (double) y[n]));
    }
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false)
        .add("label", DataTypes.DoubleType, false);
    Dataset<Row> data = LocalSpark.session().createDataFrame(rows, schema);
    NeuralNetRegressionModel model = new NeuralNetRegressor().setLayers(INPUTS, 4, 1)
        .setStandardize(true).setMaxIter(1).setPartitions(3).setSeed(1).fit(data);
    return Arrays.copyOf(model.state(), 2 * INPUTS);
  }
}
