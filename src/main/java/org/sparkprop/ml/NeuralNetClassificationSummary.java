package org.sparkprop.ml;

import org.apache.spark.ml.classification.ClassificationSummary;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A classifier's figures on a dataset, in the shape of Spark's {@code ClassificationSummary}
 * (what MLlib's {@code MultilayerPerceptronClassificationModel.evaluate} returns): accuracy,
 * per-label precision, recall, F-measure, true and false positive rates, and their weighted
 * means, all from Spark's {@code MulticlassMetrics} over the predictions.
 *
 * <p>Spark's trait keeps its metrics in a field that Scala would add to the implementing class;
 * from Java that is the two {@code multiclassMetrics} methods below and the call of the trait's
 * initializer {@code $init$} in the constructor, which builds the (lazy) metrics.
 */
public class NeuralNetClassificationSummary implements ClassificationSummary {

  private static final long serialVersionUID = 1L;

  private final transient Dataset<Row> predictions;
  private final String predictionCol;
  private final String labelCol;
  private final String weightCol;
  private MulticlassMetrics multiclassMetrics;

  /**
   * @param predictions the model's transform of the dataset
   * @param weightCol the weight column, or "" (every weight 1)
   */
  NeuralNetClassificationSummary(Dataset<Row> predictions, String predictionCol,
      String labelCol, String weightCol) {
    this.predictions = predictions;
    this.predictionCol = predictionCol;
    this.labelCol = labelCol;
    this.weightCol = weightCol;
    ClassificationSummary.$init$(this);
  }

  @Override
  public Dataset<Row> predictions() {
    return predictions;
  }

  @Override
  public String predictionCol() {
    return predictionCol;
  }

  @Override
  public String labelCol() {
    return labelCol;
  }

  @Override
  public String weightCol() {
    return weightCol;
  }

  @Override
  public MulticlassMetrics
      org$apache$spark$ml$classification$ClassificationSummary$$multiclassMetrics() {
    return multiclassMetrics;
  }

  @Override
  public void
      org$apache$spark$ml$classification$ClassificationSummary$_setter_$org$apache$spark$ml$classification$ClassificationSummary$$multiclassMetrics_$eq(
      MulticlassMetrics metrics) {
    this.multiclassMetrics = metrics;
  }
}
