package org.sparkprop.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Synthetic;
import org.sparkprop.spark.LocalSpark;

/** Small DataFrames from the synthetic sets, for the ml tests. */
final class MlTestData {

  private MlTestData() {}

  static SparkSession spark() {
    return LocalSpark.session();
  }

  /** Columns features (vector) and label (double). */
  static Dataset<Row> vectors(RawData data) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < data.rows(); i++) {
      rows.add(RowFactory.create(features(data, i), (double) data.label(i)));
    }
    StructType schema = new StructType()
        .add("features", SQLDataTypes.VectorType(), false)
        .add("label", DataTypes.DoubleType, false);
    return spark().createDataFrame(rows, schema);
  }

  /** Columns features (array of double or float) and label (double). */
  static Dataset<Row> arrays(RawData data, boolean floats) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < data.rows(); i++) {
      Object[] x = new Object[data.columns()];
      for (int j = 0; j < data.columns(); j++) {
        x[j] = floats ? (Object) data.feature(i, j) : (Object) (double) data.feature(i, j);
      }
      rows.add(RowFactory.create(java.util.Arrays.asList(x), (double) data.label(i)));
    }
    StructType schema = new StructType()
        .add("features", DataTypes.createArrayType(floats ? DataTypes.FloatType
            : DataTypes.DoubleType, false), false)
        .add("label", DataTypes.DoubleType, false);
    return spark().createDataFrame(rows, schema);
  }

  static Vector features(RawData data, int i) {
    double[] x = new double[data.columns()];
    for (int j = 0; j < x.length; j++) {
      x[j] = data.feature(i, j);
    }
    return Vectors.dense(x);
  }

  static Dataset<Row> xor(int n, long seed) {
    return vectors(Synthetic.xor(n, 0.1, seed));
  }

  /** A small classifier that learns XOR in a few L-BFGS iterations. */
  static NeuralNetClassifier xorClassifier() {
    return new NeuralNetClassifier().setLayers(2, 8, 2).setMaxIter(40).setSeed(7)
        .setPartitions(2);
  }

  /** Fraction of rows whose prediction equals the label. */
  static double accuracy(Dataset<Row> predicted) {
    return predicted.selectExpr("avg(cast(prediction = label as double))").first().getDouble(0);
  }
}
