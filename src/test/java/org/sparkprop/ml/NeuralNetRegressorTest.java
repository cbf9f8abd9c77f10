package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Synthetic;

/** Regression on the sine set, one output and two (array labels). */
class NeuralNetRegressorTest {

  @Test
  void fitsTheSine() {
    Dataset<Row> train = MlTestData.vectors(Synthetic.sine(400, 0.05, 1));
    Dataset<Row> test = MlTestData.vectors(Synthetic.sine(200, 0.05, 2));
    NeuralNetRegressor nn = new NeuralNetRegressor().setLayers(1, 16, 16, 1)
        .setActivation("tanh").setMaxIter(60).setSeed(4).setPartitions(2);
    assertTrue(nn instanceof Regressor);
    NeuralNetRegressionModel model = nn.fit(train);
    double rmse = new RegressionEvaluator().setMetricName("rmse").evaluate(model.transform(test));
    assertTrue(rmse < 0.15, "test RMSE " + rmse);
    NeuralNetTrainingSummary s = model.summary();
    assertEquals("linear", s.settings().get("output"));
    assertEquals("squared", s.settings().get("loss"));
    double[] history = s.objectiveHistory();
    assertTrue(history[history.length - 1] < history[0]);
    assertEquals(history.length - 1, s.totalIterations()); // MLlib's: the initial loss first
    // evaluate: the figures of Spark's RegressionEvaluator on the same predictions
    NeuralNetRegressionSummary evaluated = model.evaluate(test);
    assertEquals(rmse, evaluated.rootMeanSquaredError(), 1e-12);
    assertEquals(new RegressionEvaluator().setMetricName("r2").evaluate(model.transform(test)),
        evaluated.r2(), 1e-12);
    assertEquals(new RegressionEvaluator().setMetricName("mae").evaluate(model.transform(test)),
        evaluated.meanAbsoluteError(), 1e-12);
    for (Row row : model.transform(test).select("features", "prediction").collectAsList()) {
      assertEquals(row.getDouble(1), model.predict(row.getAs(0)), 1e-6);
    }
  }

  @Test
  void multiOutputWithArrayLabels() {
    RawData sine = Synthetic.sine(300, 0.0, 3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < sine.rows(); i++) {
      double x = sine.feature(i, 0);
      rows.add(RowFactory.create(Vectors.dense(x), List.of(Math.sin(x), Math.cos(x))));
    }
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.createArrayType(DataTypes.DoubleType));
    Dataset<Row> data = MlTestData.spark().createDataFrame(rows, schema);
    NeuralNetRegressionModel model = new NeuralNetRegressor().setLayers(1, 16, 2)
        .setActivation("tanh").setMaxIter(50).setSeed(2).fit(data);
    assertEquals(2, model.numOutputs());
    double squared = 0;
    List<Row> out = model.transform(data).select("features", "label", "prediction")
        .collectAsList();
    for (Row row : out) {
      Vector x = row.getAs(0);
      List<Double> t = row.getList(1);
      Vector p = row.getAs(2);
      assertArrayEquals(p.toArray(), model.predictVector(x).toArray(), 1e-6);
      squared += Math.pow(p.apply(0) - t.get(0), 2) + Math.pow(p.apply(1) - t.get(1), 2);
    }
    double rmse = Math.sqrt(squared / (2 * out.size()));
    assertTrue(rmse < 0.15, "RMSE " + rmse);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.predict(Vectors.dense(0.5)));
    assertTrue(e.getMessage().contains("use predictVector"), e.getMessage());
  }
}
