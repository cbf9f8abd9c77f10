package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Model selection with Spark's tools: a grid over stepSize, cross-validated. */
class CrossValidatorTest {

  @Test
  void crossValidatesStepSize() {
    Dataset<Row> train = MlTestData.xor(300, 21);
    Dataset<Row> test = MlTestData.xor(100, 22);
    NeuralNetClassifier nn = new NeuralNetClassifier().setLayers(2, 8, 2).setOptimizer("adam")
        .setBatchSize(50).setEpochs(10).setSeed(5).setPartitions(2);
    ParamMap[] grid = new ParamGridBuilder()
        .addGrid(nn.stepSize(), new double[] {0.0001, 0.05})
        .build();
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator()
        .setMetricName("accuracy");
    CrossValidatorModel cv = new CrossValidator().setEstimator(nn).setEstimatorParamMaps(grid)
        .setEvaluator(accuracy).setNumFolds(2).setSeed(1).fit(train);
    double[] metrics = cv.avgMetrics();
    assertEquals(2, metrics.length);
    assertTrue(metrics[1] > metrics[0], java.util.Arrays.toString(metrics));
    NeuralNetClassificationModel best = (NeuralNetClassificationModel) cv.bestModel();
    assertEquals("0.05", best.summary().settings().get("stepSize"));
    // Margin (scripts/accuracy-margins, seeds 1-5 x OPENBLAS_CORETYPE Haswell, SkylakeX, Prescott,
    // the best fit in memory: adam 0.05, B = 50, 10 epochs): 1.000 in all 15 against 0.9.
    assertTrue(accuracy.evaluate(best.transform(test)) >= 0.9);
  }
}
