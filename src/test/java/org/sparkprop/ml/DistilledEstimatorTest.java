package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Estimators' distillation params: a saved classifier teaches a student through
 * {@code distillTeacher}, {@code distillTemperature} and {@code distillAlpha}, which persist with
 * the estimator.
 */
class DistilledEstimatorTest {

  @TempDir Path dir;

  private static NeuralNetClassifier student() {
    return new NeuralNetClassifier().setLayers(2, 4, 2).setOptimizer("adam").setStepSize(0.05)
        .setMode("minibatch").setBatchSize(16).setEpochs(8).setSeed(3).setPartitions(2);
  }

  @Test
  void aSavedClassifierTeachesAStudent() throws IOException {
    Dataset<Row> xor = MlTestData.xor(200, 5);
    String teacher = dir.resolve("teacher").toString();
    MlTestData.xorClassifier().setLayers(2, 16, 2).fit(xor).save(teacher);

    float[] plain = student().fit(xor).theta();
    float[] labelsOnly = student().setDistillTeacher(teacher).setDistillAlpha(0).fit(xor).theta();
    NeuralNetClassificationModel distilled = student().setDistillTeacher(teacher)
        .setDistillAlpha(0.8).setDistillTemperature(2).fit(xor);
    // alpha = 0 keeps the labels' term alone: the same bits as no teacher.
    assertArrayEquals(plain, labelsOnly);
    assertFalse(Arrays.equals(plain, distilled.theta()));
    // It learns: the distillation loss after the last epoch is below the loss at the start (a
    // comparison of two measured figures, no threshold to pick); the history holds the starting
    // loss, then one per epoch.
    double[] loss = distilled.summary().objectiveHistory();
    assertEquals(9, loss.length);
    assertTrue(loss[loss.length - 1] < loss[0], "distillation loss " + Arrays.toString(loss));
  }

  @Test
  void theParamsPersistWithTheEstimator() throws IOException {
    NeuralNetClassifier c = student().setDistillTeacher("/models/teacher")
        .setDistillTemperature(3).setDistillAlpha(0.5);
    String path = dir.resolve("estimator").toString();
    c.save(path);
    NeuralNetClassifier loaded = NeuralNetClassifier.load(path);
    assertEquals("/models/teacher", loaded.getDistillTeacher());
    assertEquals(3.0, loaded.getDistillTemperature());
    assertEquals(0.5, loaded.getDistillAlpha());
    assertEquals("distillTeacher", loaded.distillTeacher().name());
    assertThrows(IllegalArgumentException.class, () -> c.setDistillAlpha(1.5));
  }

  @Test
  void aPathThatHoldsNoModelIsNamed() {
    Dataset<Row> xor = MlTestData.xor(50, 5);
    String missing = dir.resolve("none").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> student().setDistillTeacher(missing).fit(xor));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
  }
}
