package org.sparkprop.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.mllib.evaluation.RegressionMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Product;
import scala.Tuple3;

/**
 * A one-output regressor's figures on a dataset, named as in Spark's regression summaries
 * ({@code LinearRegressionSummary}): mean squared and absolute error, their root, r² and the
 * explained variance, from Spark's {@code RegressionMetrics} over the predictions, weighted by
 * the weight column when one is given.
 */
public final class NeuralNetRegressionSummary implements Serializable {

  private static final long serialVersionUID = 1L;

  private final transient Dataset<Row> predictions;
  private final String predictionCol;
  private final String labelCol;
  private final RegressionMetrics metrics;

  NeuralNetRegressionSummary(Dataset<Row> predictions, String predictionCol, String labelCol,
      String weightCol) {
    this.predictions = predictions;
    this.predictionCol = predictionCol;
    this.labelCol = labelCol;
    Column weight = !weightCol.isEmpty()
        && Arrays.asList(predictions.columns()).contains(weightCol)
        ? col(weightCol).cast("double") : lit(1.0);
    this.metrics = new RegressionMetrics(predictions
        .select(col(predictionCol).cast("double"), col(labelCol).cast("double"), weight)
        .javaRDD()
        .map(r -> (Product) new Tuple3<Object, Object, Object>(r.getDouble(0), r.getDouble(1),
            r.getDouble(2)))
        .rdd(), false);
  }

  public Dataset<Row> predictions() {
    return predictions;
  }

  public String predictionCol() {
    return predictionCol;
  }

  public String labelCol() {
    return labelCol;
  }

  public double meanSquaredError() {
    return metrics.meanSquaredError();
  }

  public double rootMeanSquaredError() {
    return metrics.rootMeanSquaredError();
  }

  public double meanAbsoluteError() {
    return metrics.meanAbsoluteError();
  }

  public double r2() {
    return metrics.r2();
  }

  public double explainedVariance() {
    return metrics.explainedVariance();
  }
}
