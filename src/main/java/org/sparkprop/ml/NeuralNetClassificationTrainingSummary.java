package org.sparkprop.ml;

import org.apache.spark.ml.classification.ClassificationSummary;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationTrainingSummary;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted classifier's training summary: how the fit went ({@link NeuralNetTrainingSummary}:
 * objective history with the starting loss, iterations, stop reason, settings) and, as MLlib's
 * {@code MultilayerPerceptronClassificationTrainingSummary} (which this implements), the
 * classification figures on the training data (accuracy, per-label metrics) from the model's
 * predictions there. See {@link NeuralNetClassificationSummary} for the metrics' plumbing.
 */
public final class NeuralNetClassificationTrainingSummary extends NeuralNetTrainingSummary
    implements MultilayerPerceptronClassificationTrainingSummary {

  private static final long serialVersionUID = 1L;

  private final transient Dataset<Row> predictions;
  private final String predictionCol;
  private final String labelCol;
  private final String weightCol;
  private MulticlassMetrics multiclassMetrics;

  NeuralNetClassificationTrainingSummary(NeuralNetTrainingSummary fit, Dataset<Row> predictions,
      String predictionCol, String labelCol, String weightCol) {
    super(fit);
    this.predictions = predictions;
    this.predictionCol = predictionCol;
    this.labelCol = labelCol;
    this.weightCol = weightCol;
    ClassificationSummary.$init$(this);
  }

  /** The model's predictions on the training data. */
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
  public int totalIterations() {
    return super.totalIterations();
  }

  @Override
  public double[] objectiveHistory() {
    return super.objectiveHistory();
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
