package org.sparkprop.ml.mllib;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.spark.LocalSpark;

/** The small datasets of the MLlib perceptron scenarios. */
final class SuiteData {

  private SuiteData() {}

  static SparkSession spark() {
    return LocalSpark.session();
  }

  private static StructType schema() {
    return new StructType().add("features", SQLDataTypes.VectorType(), false)
        .add("label", DataTypes.DoubleType, false);
  }

  /** The four points of XOR, labels 0/1. */
  static Dataset<Row> xor() {
    return spark().createDataFrame(List.of(
        RowFactory.create(Vectors.dense(0, 0), 0.0),
        RowFactory.create(Vectors.dense(0, 1), 1.0),
        RowFactory.create(Vectors.dense(1, 0), 1.0),
        RowFactory.create(Vectors.dense(1, 1), 0.0)), schema());
  }

  /**
   * Four rows whose best class probabilities are known: two separable points (1 and 0) and one
   * point given both labels (0.5 each).
   */
  static Dataset<Row> calibration() {
    StructType schema = schema().add("expectedProbability", SQLDataTypes.VectorType(), false);
    return spark().createDataFrame(List.of(
        RowFactory.create(Vectors.dense(1, 2, 3, 4), 0.0, Vectors.dense(1, 0)),
        RowFactory.create(Vectors.dense(4, 3, 2, 1), 1.0, Vectors.dense(0, 1)),
        RowFactory.create(Vectors.dense(1, 1, 1, 1), 0.0, Vectors.dense(0.5, 0.5)),
        RowFactory.create(Vectors.dense(1, 1, 1, 1), 1.0, Vectors.dense(0.5, 0.5))), schema);
  }

  /**
   * {@code n} rows of a seeded three-class multinomial logistic model on four Gaussian features
   * (means and variances of the iris measurements): class 0 has margin 0, classes 1 and 2 the
   * margins w_k·x + b_k; the label is drawn from the softmax of the margins.
   */
  static Dataset<Row> threeClasses(int n, long seed) {
    double[][] w = {{-0.58, 0.91, -0.37, -0.82}, {-0.17, -0.84, -0.05, -0.30}};
    double[] b = {2.69, 4.17};
    double[] mean = {5.843, 3.057, 3.758, 1.199};
    double[] variance = {0.6856, 0.1899, 3.116, 0.581};
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[4];
      for (int j = 0; j < 4; j++) {
        x[j] = mean[j] + Math.sqrt(variance[j]) * random.nextGaussian();
      }
      double[] e = new double[3];
      e[0] = 1;
      double total = 1;
      for (int k = 1; k < 3; k++) {
        double margin = b[k - 1];
        for (int j = 0; j < 4; j++) {
          margin += w[k - 1][j] * x[j];
        }
        e[k] = Math.exp(margin);
        total += e[k];
      }
      double u = random.nextDouble() * total;
      int label = u < e[0] ? 0 : u < e[0] + e[1] ? 1 : 2;
      rows.add(RowFactory.create(Vectors.dense(x), (double) label));
    }
    return spark().createDataFrame(rows, schema());
  }
}
