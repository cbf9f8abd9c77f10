package org.sparkprop.ml.mllib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationTrainingSummary;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.shared.HasWeightCol;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.ml.NeuralNetClassificationModel;
import org.sparkprop.ml.NeuralNetClassifier;
import scala.Tuple2;

/**
 * The scenarios of Spark's MultilayerPerceptronClassifierSuite, written anew, run against
 * {@link NeuralNetClassifier} configured only through MLlib's params (the class name is the one
 * change a user of MLlib's perceptron makes), plus a CrossValidator over MLlib's params.
 */
class MultilayerPerceptronSuiteTest {

  @TempDir
  Path dir;

  /** MLlib's XOR trainer: layers 2,5,2, one row per block, seed 123, 100 l-bfgs iterations. */
  private static NeuralNetClassifier xorTrainer() {
    return new NeuralNetClassifier()
        .setLayers(new int[] {2, 5, 2})
        .setBlockSize(1)
        .setSeed(123L)
        .setMaxIter(100)
        .setSolver("l-bfgs");
  }

  @Test
  void inputValidation() {
    NeuralNetClassifier mlpc = new NeuralNetClassifier();
    assertThrows(IllegalArgumentException.class, () -> mlpc.setLayers(new int[0]));
    assertThrows(IllegalArgumentException.class, () -> mlpc.setLayers(new int[] {1}));
    assertThrows(IllegalArgumentException.class, () -> mlpc.setLayers(new int[] {0, 1}));
    assertThrows(IllegalArgumentException.class, () -> mlpc.setLayers(new int[] {1, 0}));
    mlpc.setLayers(new int[] {1, 1});
    assertArrayEquals(new int[] {1, 1}, mlpc.getLayers());
  }

  /**
   * As in MLlib's suite, the seed matters: XOR of four points has a local minimum (loss ln 2 /
   * 2, one pair of points undecided). Measured with MLlib's initial weight scale: seeds 1-6, 8
   * and 123 learn it, seed 7 stops in the local minimum.
   */
  @Test
  void xorAsBinaryClassificationWithTwoOutputs() throws Exception {
    NeuralNetClassifier trainer = xorTrainer();
    Dataset<Row> dataset = SuiteData.xor();
    NeuralNetClassificationModel model = trainer.fit(dataset);
    MlTestSupport.checkCopyAndUids(trainer, model);
    MlTestSupport.testTransformer(model, dataset, dir,
        row -> assertEquals(row.getDouble(1), row.getDouble(0), "prediction of " + row),
        "prediction", "label");
  }

  @Test
  void predictionOnSingleInstance() {
    NeuralNetClassifier trainer = xorTrainer();
    NeuralNetClassificationModel model = trainer.fit(SuiteData.xor());
    for (Row r : model.transform(SuiteData.xor())
        .select(trainer.getFeaturesCol(), trainer.getPredictionCol()).collectAsList()) {
      Vector features = r.getAs(0);
      assertEquals(r.getDouble(1), model.predict(features));
    }
  }

  @Test
  void predictedProbabilitiesAreCalibratedOnAToyDataset() {
    Dataset<Row> strong = SuiteData.calibration();
    NeuralNetClassifier trainer = new NeuralNetClassifier()
        .setLayers(new int[] {4, 5, 2})
        .setBlockSize(1)
        .setSeed(123L)
        .setMaxIter(100)
        .setSolver("l-bfgs");
    NeuralNetClassificationModel model = trainer.fit(strong);
    for (Row r : model.transform(strong).select("probability", "expectedProbability")
        .collectAsList()) {
      Vector p = r.getAs(0);
      Vector expected = r.getAs(1);
      assertArrayEquals(expected.toArray(), p.toArray(), 1e-3, "probability " + p);
    }
    MlTestSupport.testPredictMethods(model, strong);
  }

  @Test
  void modelProbabilityIsThePerceptronsOutput() {
    NeuralNetClassificationModel model = xorTrainer().fit(SuiteData.xor());
    model.setProbabilityCol("probability");
    for (Row r : model.transform(SuiteData.xor()).select("features", "probability")
        .collectAsList()) {
      Vector x = r.getAs(0);
      Vector p = r.getAs(1);
      assertArrayEquals(model.predictProbability(x).toArray(), p.toArray(), 1e-3);
      assertEquals(1.0, p.apply(0) + p.apply(1), 1e-9);
    }
  }

  @Test
  void setWeightsByTrainingRestart() {
    Dataset<Row> dataFrame = SuiteData.xor();
    NeuralNetClassifier trainer = new NeuralNetClassifier()
        .setLayers(new int[] {2, 5, 2})
        .setBlockSize(1)
        .setSeed(12L)
        .setMaxIter(1)
        .setTol(1e-6);
    Vector initialWeights = trainer.fit(dataFrame).weights();
    trainer.setInitialWeights(initialWeights.copy());
    Vector weights1 = trainer.fit(dataFrame).weights();
    trainer.setInitialWeights(initialWeights.copy());
    Vector weights2 = trainer.fit(dataFrame).weights();
    assertArrayEquals(weights1.toArray(), weights2.toArray(), 1e-4,
        "the same weights from equal initial weights and number of steps");
    assertNotEquals(initialWeights, weights1, "one iteration moved the weights");
  }

  /**
   * MLlib's 3-class scenario: a 4,5,4,3 perceptron on a seeded multinomial logistic sample
   * predicts about as a logistic regression does (confusion matrices within 100 of 1000 rows
   * per cell, as MLlib's suite asks) and predicts every class. Measured (this machine, samples
   * 1-5 with seed 11, sample 1 with seeds 1-3): largest cell difference 5 to 53, accuracy
   * 0.494-0.540 against LR's 0.488-0.515 (MLP - LR from -0.003 to +0.034).
   */
  @Test
  void threeClassesWithTwoHiddenLayersMatchLogisticRegression() {
    Dataset<Row> dataFrame = SuiteData.threeClasses(1000, 1);
    int numClasses = 3;
    int numIterations = 100;
    NeuralNetClassifier trainer = new NeuralNetClassifier()
        .setLayers(new int[] {4, 5, 4, numClasses})
        .setBlockSize(1)
        .setSeed(11L)
        .setMaxIter(numIterations);
    NeuralNetClassificationModel model = trainer.fit(dataFrame);
    assertEquals(4, model.numFeatures());
    assertEquals(3, model.numClasses());
    Dataset<Row> mlp = model.transform(dataFrame);
    Dataset<Row> lr = new LogisticRegression().setMaxIter(numIterations).setRegParam(0)
        .setFamily("multinomial").fit(dataFrame).transform(dataFrame);
    Matrix mlpConfusion = metrics(mlp).confusionMatrix().asML();
    Matrix lrConfusion = metrics(lr).confusionMatrix().asML();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(lrConfusion.apply(i, j), mlpConfusion.apply(i, j), 100,
            "confusion (" + i + ", " + j + ")\nMLP\n" + mlpConfusion + "\nLR\n" + lrConfusion);
      }
    }
    double mlpAccuracy = metrics(mlp).accuracy();
    double lrAccuracy = metrics(lr).accuracy();
    assertTrue(mlpAccuracy >= lrAccuracy - 0.05, "MLP " + mlpAccuracy + ", LR " + lrAccuracy);
    for (double c = 0; c < numClasses; c++) {
      assertTrue(mlp.filter("prediction = " + c).count() > 0, "class " + c + " predicted");
    }
  }

  private static MulticlassMetrics metrics(Dataset<Row> predicted) {
    return new MulticlassMetrics(predicted.select("prediction", "label").javaRDD()
        .map(r -> new Tuple2<Object, Object>(r.getDouble(0), r.getDouble(1))).rdd());
  }

  @Test
  void readWriteTheEstimator() throws Exception {
    NeuralNetClassifier mlp = new NeuralNetClassifier()
        .setLayers(new int[] {2, 3, 2})
        .setMaxIter(5)
        .setBlockSize(2)
        .setSeed(42)
        .setTol(0.1)
        .setFeaturesCol("myFeatures")
        .setLabelCol("myLabel")
        .setPredictionCol("myPrediction");
    ReadWriteSupport.testDefaultReadWrite(mlp, NeuralNetClassifier::load, dir);
  }

  @Test
  void readWriteTheModel() throws Exception {
    NeuralNetClassifier mlp = new NeuralNetClassifier().setLayers(new int[] {2, 3, 2})
        .setMaxIter(5);
    NeuralNetClassificationModel mlpModel = mlp.fit(SuiteData.xor());
    NeuralNetClassificationModel newMlpModel = ReadWriteSupport.testDefaultReadWrite(mlpModel,
        NeuralNetClassificationModel::load, dir);
    assertArrayEquals(mlpModel.getLayers(), newMlpModel.getLayers());
    assertEquals(mlpModel.weights(), newMlpModel.weights());
    assertEquals(5, newMlpModel.getMaxIter());
  }

  /** Labels of every numeric type give the model of double labels; a string label is refused. */
  @Test
  void supportsAllNumericTypeLabelsAndNoOtherType() {
    NeuralNetClassifier mpc = new NeuralNetClassifier().setLayers(new int[] {3, 2})
        .setMaxIter(1);
    Dataset<Row> data = SuiteData.spark().createDataFrame(List.of(
        org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(0, 2, 3),
            1.0),
        org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(1, 0, 1),
            0.0),
        org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(2, 1, 0),
            1.0),
        org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(3, 3, 2),
            0.0)),
        SuiteData.xor().schema());
    NeuralNetClassificationModel expected = mpc.fit(data);
    for (DataType type : List.of(DataTypes.ByteType, DataTypes.ShortType,
        DataTypes.IntegerType, DataTypes.LongType, DataTypes.FloatType,
        DataTypes.createDecimalType(10, 0))) {
      NeuralNetClassificationModel actual = mpc.fit(
          data.withColumn("label", data.col("label").cast(type)));
      assertArrayEquals(expected.getLayers(), actual.getLayers(), type.toString());
      assertEquals(expected.weights(), actual.weights(), type.toString());
    }
    Dataset<Row> strings = data.withColumn("label", data.col("label").cast("string"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mpc.fit(strings));
    assertTrue(e.getMessage().startsWith(
        "Column label must be of type numeric but was actually of type string."),
        e.getMessage());
  }

  @Test
  void trainingSummaryAndEvaluate() throws Exception {
    Dataset<Row> dataset = SuiteData.xor();
    NeuralNetClassifier mlp = new NeuralNetClassifier();
    NeuralNetClassificationModel model = mlp.setMaxIter(5).setLayers(new int[] {2, 3, 2})
        .fit(dataset);
    assertTrue(model.hasSummary());
    MultilayerPerceptronClassificationTrainingSummary summary = model.summary();
    double[] history = summary.objectiveHistory();
    assertEquals(history.length - 1, summary.totalIterations());
    assertTrue(history.length >= 2 && history.length <= 6, "history " + history.length);
    // The history starts with the loss at the initial weights: a fit of no iteration's.
    NeuralNetClassificationModel untrained = mlp.copy(ParamMap.empty()).setMaxIter(0)
        .fit(dataset);
    assertEquals(0, untrained.summary().totalIterations());
    assertEquals(history[0], untrained.summary().objectiveHistory()[0], 1e-6);
    assertTrue(history[history.length - 1] <= history[0], java.util.Arrays.toString(history));
    // the figures on the training data are the model's predictions there
    double accuracy = model.transform(dataset).selectExpr(
        "avg(cast(prediction = label as double))").first().getDouble(0);
    assertEquals(accuracy, summary.accuracy(), 1e-12);
    assertArrayEquals(new double[] {0, 1}, summary.labels());
    var evaluated = model.evaluate(dataset);
    assertEquals(summary.accuracy(), evaluated.accuracy(), 1e-12);
    assertArrayEquals(summary.precisionByLabel(), evaluated.precisionByLabel(), 1e-12);
    assertEquals(new MulticlassClassificationEvaluator().setMetricName("weightedFMeasure")
        .evaluate(model.transform(dataset)), evaluated.weightedFMeasure(), 1e-12);

    // A loaded model has no summary, and says so as MLlib's does.
    String path = dir.resolve("model").toString();
    model.save(path);
    NeuralNetClassificationModel loaded = NeuralNetClassificationModel.load(path);
    assertFalse(loaded.hasSummary());
    SparkException ours = assertThrows(SparkException.class, loaded::summary);
    MultilayerPerceptronClassificationModel mllib = new MultilayerPerceptronClassifier()
        .setLayers(new int[] {2, 3, 2}).setMaxIter(1).fit(dataset);
    mllib.save(dir.resolve("mllib").toString());
    MultilayerPerceptronClassificationModel mllibLoaded =
        MultilayerPerceptronClassificationModel.load(dir.resolve("mllib").toString());
    SparkException theirs = assertThrows(SparkException.class, mllibLoaded::summary);
    assertEquals(theirs.getMessage().replace("MultilayerPerceptronClassificationModel",
        "NeuralNetClassificationModel"), ours.getMessage());
  }

  /** weightCol is Spark's shared param; a weight column of the wrong type is told as MLlib. */
  @Test
  void weightColIsSparksSharedParam() {
    NeuralNetClassifier trainer = xorTrainer();
    assertTrue(trainer instanceof HasWeightCol);
    HasWeightCol shared = trainer;
    assertEquals("weightCol", shared.weightCol().name());
    assertFalse(trainer.isDefined(shared.weightCol()));
    trainer.set(shared.weightCol(), "w");
    assertEquals("w", trainer.getWeightCol());
    Dataset<Row> strings = SuiteData.xor().withColumn("w", functions.lit("one"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(strings));
    assertEquals("Column w must be of type numeric but was actually of type string.",
        e.getMessage());
    NeuralNetClassificationModel model = trainer.fit(
        SuiteData.xor().withColumn("w", functions.lit(2)));
    assertEquals("w", model.getWeightCol());
  }

  /** maxIter 0 is accepted, as in MLlib: the model has the initial weights. */
  @Test
  void maxIterZeroReturnsTheInitialWeights() {
    NeuralNetClassifier trainer = new NeuralNetClassifier().setLayers(new int[] {2, 3, 2})
        .setSeed(5).setMaxIter(1);
    Vector start = trainer.fit(SuiteData.xor()).weights();
    NeuralNetClassificationModel model = trainer.setMaxIter(0).setInitialWeights(start)
        .fit(SuiteData.xor());
    assertEquals(start, model.weights());
    assertEquals(1, model.summary().objectiveHistory().length);
  }

  /** MLlib's gd: full-batch gradient descent, one update per iteration, maxIter iterations. */
  @Test
  void solverGdIsFullBatchGradientDescent() {
    NeuralNetClassificationModel model = new NeuralNetClassifier()
        .setLayers(new int[] {2, 5, 2}).setSolver("gd").setBlockSize(1).setMaxIter(3)
        .setTol(0).setSeed(3).fit(SuiteData.xor());
    assertEquals(3, model.summary().totalIterations());
    assertEquals(3, model.summary().updates());
    assertEquals("sgd", model.summary().settings().get("optimizer"));
    assertEquals("batch", model.summary().settings().get("mode"));
    assertEquals("0.03", model.summary().settings().get("stepSize"));
    assertEquals("gd", model.getSolver());
    assertEquals(1, model.getBlockSize());
    assertEquals(3, model.getMaxIter());
  }

  @Test
  void modelSharesTheEstimatorsParams() {
    NeuralNetClassifier trainer = xorTrainer().setStepSize(0.2).setTol(1e-4);
    NeuralNetClassificationModel model = trainer.fit(SuiteData.xor());
    assertEquals(100, model.getMaxIter());
    assertEquals("l-bfgs", model.getSolver());
    assertEquals(1, model.getBlockSize());
    assertEquals(0.2, model.getStepSize());
    assertEquals(1e-4, model.getTol());
    assertEquals(123L, model.getSeed());
    assertEquals(null, model.getInitialWeights());
    assertArrayEquals(new int[] {2, 5, 2}, model.getLayers());
    assertEquals(2, model.numFeatures());
    assertEquals(2, model.numClasses());
    // output vectors keep their sizes in the ML attribute metadata
    Dataset<Row> out = model.transform(SuiteData.xor());
    assertEquals(2, AttributeGroup.fromStructField(out.schema().apply("rawPrediction")).size());
    assertEquals(2, AttributeGroup.fromStructField(out.schema().apply("probability")).size());
  }

  /**
   * A grid over stepSize x maxIter x layers with the default solver (l-bfgs): MLlib accepts
   * stepSize there and leaves it unused, so the two stepSizes of a cell score alike.
   */
  @Test
  void crossValidatorOverMllibParamsWithTheDefaultSolver() {
    Dataset<Row> data = SuiteData.threeClasses(120, 3);
    NeuralNetClassifier mlp = new NeuralNetClassifier().setSeed(1);
    ParamMap[] grid = new ParamGridBuilder()
        .addGrid(mlp.stepSize(), new double[] {0.01, 0.1})
        .addGrid(mlp.maxIter(), new int[] {2, 20})
        .addGrid(mlp.layers(), scala.jdk.javaapi.CollectionConverters.asScala(
            List.of(new int[] {4, 3}, new int[] {4, 5, 3})))
        .build();
    assertEquals(8, grid.length);
    CrossValidatorModel cv = new CrossValidator().setEstimator(mlp).setEstimatorParamMaps(grid)
        .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
        .setNumFolds(2).setSeed(7).fit(data);
    double[] metrics = cv.avgMetrics();
    assertEquals(8, metrics.length);
    for (int i = 0; i < grid.length; i++) {
      for (int j = i + 1; j < grid.length; j++) {
        if (sameBut(grid[i], grid[j], mlp)) {
          assertEquals(metrics[i], metrics[j], 0.0, "cells " + i + " and " + j);
        }
      }
    }
    NeuralNetClassificationModel best = (NeuralNetClassificationModel) cv.bestModel();
    assertEquals(3, best.numClasses());
  }

  private static boolean sameBut(ParamMap a, ParamMap b, NeuralNetClassifier mlp) {
    return a.apply(mlp.maxIter()).equals(b.apply(mlp.maxIter()))
        && java.util.Arrays.equals(a.apply(mlp.layers()), b.apply(mlp.layers()))
        && !a.apply(mlp.stepSize()).equals(b.apply(mlp.stepSize()));
  }
}
