package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkprop.nn.ThetaLayout;
import org.sparkprop.train.TrainingDivergedException;

/**
 * A fit whose loss or gradient stops being finite throws {@link TrainingDivergedException}
 * naming the epoch and the iteration; it never returns a model built on non-finite weights.
 */
class DivergenceTest {

  private static Dataset<Row> train;

  @BeforeAll
  static void data() {
    train = MlTestData.xor(200, 51).cache();
  }

  private static void assertNamesWhere(TrainingDivergedException e) {
    assertTrue(e.getMessage().contains("training diverged at epoch " + e.epoch() + ", iteration "
        + e.iteration() + ":"), e.getMessage());
    assertTrue(e.getMessage().contains("lower stepSize"), e.getMessage());
    assertTrue(e.epoch() >= 1 && e.iteration() >= 1, e.getMessage());
  }

  @Test
  void aHugeStepSizeThrows() {
    NeuralNetClassifier nn = new NeuralNetClassifier().setLayers(2, 8, 2).setOptimizer("sgd")
        .setStepSize(1e10).setBatchSize(20).setEpochs(20).setSeed(2).setPartitions(2);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> nn.fit(train));
    assertNamesWhere(e);
    assertTrue(e.epoch() < 20, e.getMessage());
  }

  /**
   * Initial weights so large that the first forward pass overflows, with either trainer of the
   * initialWeights path: the first batch already diverges.
   */
  @Test
  void overflowingInitialWeightsThrowWithEitherSolver() {
    double[] weights = new double[new ThetaLayout(new NeuralNetClassifier().setLayers(2, 8, 2)
        .jobConfig().network()).size()];
    Arrays.fill(weights, 1e30);
    for (String solver : new String[] {"gd", "l-bfgs"}) {
      // relu lets the weights overflow the logits (MLlib's sigmoid would saturate)
      NeuralNetClassifier nn = new NeuralNetClassifier().setLayers(2, 8, 2).setSolver(solver)
          .setActivation("relu").setMaxIter(3).setSeed(2).setPartitions(2).setInitialWeights(Vectors.dense(weights));
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> nn.fit(train), solver);
      assertNamesWhere(e);
      assertEquals(1, e.epoch(), e.getMessage());
      assertEquals(1, e.iteration(), e.getMessage());
    }
  }
}
