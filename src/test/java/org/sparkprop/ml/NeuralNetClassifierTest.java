package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Set;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkprop.data.Synthetic;

/** Fitting the classifier on XOR, its summary, and predict(Vector) against transform. */
class NeuralNetClassifierTest {

  private static Dataset<Row> train;
  private static Dataset<Row> test;
  private static NeuralNetClassificationModel model;

  @BeforeAll
  static void fit() {
    train = MlTestData.xor(400, 1);
    test = MlTestData.xor(200, 2);
    model = MlTestData.xorClassifier().fit(train);
  }

  @Test
  void learnsXor() {
    Dataset<Row> predicted = model.transform(test);
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
        .evaluate(predicted);
    // Margin (scripts/accuracy-margins, seeds 1-5 x OPENBLAS_CORETYPE Haswell, SkylakeX, Prescott,
    // the same fit in memory: xor, 2-8-2, lbfgs 40, 400 training rows): 1.000 in all 15.
    assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    assertTrue(model instanceof ProbabilisticClassificationModel);
    assertEquals(2, model.numClasses());
    assertEquals(2, model.numFeatures());
    assertEquals(model.uid(), model.parent().uid());
  }

  @Test
  void summaryHasTheObjectiveHistoryAndStopReason() {
    NeuralNetTrainingSummary summary = model.summary();
    double[] history = summary.objectiveHistory();
    // MLlib's history: the starting loss, then one entry per iteration
    assertTrue(history.length >= 3 && history.length <= 41, "iterations " + history.length);
    assertEquals(history.length - 1, summary.totalIterations());
    assertTrue(history[history.length - 1] < history[0] / 4, java.util.Arrays.toString(history));
    assertTrue(Set.of("epochs", "tolerance", "converged", "line_search_failed")
        .contains(summary.stopReason()), summary.stopReason());
    assertEquals("lbfgs", summary.settings().get("optimizer"));
    assertEquals("batch", summary.settings().get("mode"));
    assertEquals("2,8,2", summary.settings().get("layers"));
    assertEquals(400, summary.trainingRows());
    assertEquals(2, summary.partitions());
    assertTrue(summary.solver().toLowerCase().contains("bfgs"), summary.solver());
  }

  @Test
  void predictAgreesWithTransform() {
    List<Row> rows = model.transform(test).select("features", "rawPrediction", "probability",
        "prediction").collectAsList();
    assertEquals(200, rows.size());
    for (Row row : rows) {
      Vector x = row.getAs(0);
      Vector raw = row.getAs(1);
      Vector probability = row.getAs(2);
      assertEquals(row.getDouble(3), model.predict(x));
      assertArrayEquals(raw.toArray(), model.predictRaw(x).toArray(), 1e-5);
      assertArrayEquals(probability.toArray(), model.predictProbability(x).toArray(), 1e-6);
      assertEquals(1.0, probability.apply(0) + probability.apply(1), 1e-9);
      assertEquals(probability.argmax(), (int) row.getDouble(3));
    }
  }

  @Test
  void thresholdsChangePredictionsAlikeInPredictAndTransform() {
    NeuralNetClassificationModel biased = model.copy(new org.apache.spark.ml.param.ParamMap())
        .setThresholds(new double[] {0.0, 1.0});
    List<Row> rows = biased.transform(test).select("features", "prediction").collectAsList();
    long zeros = rows.stream().filter(r -> r.getDouble(1) == 0.0).count();
    assertTrue(zeros > 190, "class 0 always wins with threshold 0: " + zeros);
    for (Row row : rows) {
      assertEquals(row.getDouble(1), biased.predict(row.getAs(0)));
    }
    NeuralNetClassifier wrong = MlTestData.xorClassifier()
        .setThresholds(new double[] {0.5, 0.5, 0.5});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> wrong.transformSchema(test.schema()));
    assertTrue(e.getMessage().contains("thresholds has 3 values but the model has 2 classes"),
        e.getMessage());
  }

  @Test
  void emptyColumnNamesSkipOutputs() {
    NeuralNetClassificationModel only = model.copy(new org.apache.spark.ml.param.ParamMap())
        .setRawPredictionCol("").setProbabilityCol("");
    Dataset<Row> out = only.transform(test);
    assertEquals(List.of("features", "label", "prediction"), List.of(out.columns()));
  }

  @Test
  void arrayFeaturesOfDoublesAndFloats() {
    for (boolean floats : new boolean[] {false, true}) {
      Dataset<Row> data = MlTestData.arrays(Synthetic.xor(200, 0.1, 5), floats);
      NeuralNetClassificationModel m = MlTestData.xorClassifier().setMaxIter(15).fit(data);
      Dataset<Row> predicted = m.transform(data);
      assertTrue(MlTestData.accuracy(predicted) > 0.8, "floats=" + floats);
    }
  }

  @Test
  void minibatchOptimizerSigmoidOutputAndValidation() {
    NeuralNetClassifier nn = new NeuralNetClassifier().setLayers(2, 8, 1).setOutput("sigmoid")
        .setActivation("tanh").setOptimizer("adam").setStepSize(0.05).setBatchSize(50)
        .setEpochs(8).setValidationFraction(0.2).setPatience(3).setSeed(3);
    NeuralNetClassificationModel m = nn.fit(train);
    assertEquals(2, m.numClasses());
    NeuralNetTrainingSummary s = m.summary();
    assertEquals("minibatch", s.settings().get("mode"));
    assertEquals("sigmoid", s.settings().get("output"));
    assertEquals("squared", m.network().loss().name());
    assertEquals(400, s.trainingRows() + s.validationRows());
    assertTrue(s.validationRows() > 40 && s.validationRows() < 120, "" + s.validationRows());
    for (double v : s.validationLossHistory()) {
      assertTrue(Double.isFinite(v));
    }
    Row first = m.transform(test).select("features", "probability", "rawPrediction").first();
    Vector p = first.getAs(1);
    Vector raw = first.getAs(2);
    assertEquals(2, p.size());
    assertEquals(-raw.apply(0), raw.apply(1), 0);
    assertEquals(1 / (1 + Math.exp(-raw.apply(1))), p.apply(1), 1e-9);
    // Margin (scripts/accuracy-margins, seeds 1-5 x OPENBLAS_CORETYPE Haswell, SkylakeX, Prescott,
    // the same fit in memory): at least 0.995 against 0.8.
    assertTrue(MlTestData.accuracy(m.transform(test)) > 0.8);
  }

  @Test
  void checkpointsAreWrittenDuringFit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    MlTestData.xorClassifier().setOptimizer("adam").setBatchSize(200).setEpochs(2)
        .setCheckpointDir(dir.toString()).fit(train);
    // In the one directory of the fit's settings.
    try (var files = java.nio.file.Files.walk(dir, 2)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("ckpt-")
          && f.getParent().getFileName().toString().startsWith("run-")));
    }
  }

  /** A fit resumed from its checkpoints ends where an uninterrupted fit ends, bit for bit. */
  @Test
  void aResumedFitEndsWithTheWeightsOfAnUninterruptedOne(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    NeuralNetClassificationModel full = MlTestData.xorClassifier().setOptimizer("adam")
        .setBatchSize(50).setEpochs(4).fit(train);
    String checkpoints = dir.toString();
    MlTestData.xorClassifier().setOptimizer("adam").setBatchSize(50).setEpochs(2)
        .setCheckpointDir(checkpoints).fit(train);
    java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        logged.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(
        org.sparkprop.fit.DistributedFit.class.getName());
    log.addHandler(handler);
    NeuralNetClassificationModel resumed;
    try {
      resumed = MlTestData.xorClassifier().setOptimizer("adam").setBatchSize(50).setEpochs(4)
          .setCheckpointDir(checkpoints).setResume(true).fit(train);
    } finally {
      log.removeHandler(handler);
    }
    // It did resume (a fresh fit would end with the same weights too).
    assertTrue(logged.stream().anyMatch(m -> m.contains("resuming after epoch 2")), logged.toString());
    assertArrayEquals(full.weights().toArray(), resumed.weights().toArray());
    assertEquals(4, resumed.summary().objectiveHistory().length);

    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> MlTestData.xorClassifier().setOptimizer("adam").setBatchSize(60).setEpochs(4)
            .setCheckpointDir(checkpoints).setResume(true).fit(train));
    assertTrue(other.getMessage().contains("batchSize"), other.getMessage());
    IllegalArgumentException noDir = assertThrows(IllegalArgumentException.class,
        () -> MlTestData.xorClassifier().setResume(true).fit(train));
    assertEquals("resume needs the checkpointDir param", noDir.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> MlTestData.xorClassifier().setOptimizer("adam")
            .setCheckpointDir(dir.resolve("none").toString()).setResume(true).fit(train));
    assertTrue(empty.getMessage().contains("no checkpoint in"), empty.getMessage());
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> MlTestData.xorClassifier().setOptimizer("adam").setCheckpointDir(checkpoints)
            .setResume(true).setInitialWeights(full.weights()).fit(train));
    assertEquals("resume continues from a checkpoint's weights; unset initialWeights or resume",
        both.getMessage());
  }

  @Test
  void initialWeightsAreTheStartingPoint() {
    NeuralNetClassifier nn = MlTestData.xorClassifier().setMaxIter(1)
        .setInitialWeights(model.weights());
    NeuralNetClassificationModel m = nn.fit(train);
    assertTrue(MlTestData.accuracy(m.transform(test)) >= 0.95);
    NeuralNetClassifier wrong = MlTestData.xorClassifier()
        .setInitialWeights(Vectors.dense(1, 2, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> wrong.fit(train));
    assertTrue(e.getMessage().contains("initialWeights has 3 values but layers [2, 8, 2] have 42"
        + " parameters"), e.getMessage());
  }

  @Test
  void sampleWeightsActLikeDuplicatedRows() {
    // Without standardization: its moments count rows, not weights.
    NeuralNetClassificationModel weighted = MlTestData.xorClassifier().setMaxIter(5)
        .setStandardize(false).setWeightCol("w").fit(train.withColumn("w", lit(2.0)));
    NeuralNetClassificationModel plain = MlTestData.xorClassifier().setMaxIter(5)
        .setStandardize(false).fit(train);
    assertArrayEquals(plain.theta(), weighted.theta(), "a uniform weight changes nothing");

    // Weight 2 on the rows of class 1 is the same objective as those rows twice (full batch).
    Dataset<Row> varied = train.withColumn("w", org.apache.spark.sql.functions.expr(
        "case when label = 0 then 1.0 else 2.0 end"));
    Dataset<Row> duplicated = train.union(train.filter("label = 1"));
    float[] a = MlTestData.xorClassifier().setMaxIter(5).setStandardize(false).setWeightCol("w")
        .fit(varied).theta();
    float[] b = MlTestData.xorClassifier().setMaxIter(5).setStandardize(false).fit(duplicated)
        .theta();
    float[] c = plain.theta();
    double differs = 0;
    for (int i = 0; i < a.length; i++) {
      assertEquals(b[i], a[i], 1e-3 * Math.max(1, Math.abs(b[i])), "theta[" + i + "]");
      differs = Math.max(differs, Math.abs(a[i] - c[i]));
    }
    assertTrue(differs > 1e-2, "the weights changed the fit");
  }
}
