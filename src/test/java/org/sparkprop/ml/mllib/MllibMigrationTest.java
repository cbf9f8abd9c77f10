package org.sparkprop.ml.mllib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkprop.ml.MllibLayout;
import org.sparkprop.ml.NeuralNetClassificationModel;
import org.sparkprop.ml.NeuralNetClassifier;

/** A trained MLlib perceptron becomes a sparkprop model, and trains on with sparkprop. */
class MllibMigrationTest {

  private static final int[] LAYERS = {4, 5, 3};
  private static Dataset<Row> data;
  private static MultilayerPerceptronClassificationModel mllib;

  @BeforeAll
  static void fitMllib() {
    data = SuiteData.threeClasses(300, 4).cache();
    mllib = new MultilayerPerceptronClassifier().setLayers(LAYERS).setMaxIter(50).setSeed(3)
        .setTol(1e-4).setProbabilityCol("p").fit(data);
  }

  @Test
  void fromMllibPredictsAsMllibToFloatPrecision() {
    NeuralNetClassificationModel ours = NeuralNetClassificationModel.fromMLlib(mllib);
    assertEquals(mllib.uid(), ours.uid());
    assertArrayEquals(LAYERS, ours.getLayers());
    assertEquals(50, ours.getMaxIter());
    assertEquals(1e-4, ours.getTol());
    assertEquals("p", ours.getProbabilityCol());
    List<Row> theirs = mllib.transform(data).select("p", "prediction").collectAsList();
    List<Row> mine = ours.transform(data).select("p", "prediction").collectAsList();
    int ties = 0;
    for (int n = 0; n < theirs.size(); n++) {
      Vector a = theirs.get(n).getAs(0);
      Vector b = mine.get(n).getAs(0);
      assertArrayEquals(a.toArray(), b.toArray(), 1e-5, "row " + n);
      if (theirs.get(n).getDouble(1) != mine.get(n).getDouble(1)) {
        ties++;
      }
    }
    assertEquals(0, ties, "rows predicted otherwise");
    // and back: Θ in MLlib's layout is MLlib's weights
    assertArrayEquals(mllib.weights().toArray(),
        MllibLayout.toMllib(LAYERS, ours.weights()).toArray(), 1e-6);
  }

  /** Continue training MLlib's model with Adam: the fit starts from MLlib's loss. */
  @Test
  void continuesTrainingAnMllibModelWithAdam() {
    NeuralNetClassificationModel start = NeuralNetClassificationModel.fromMLlib(mllib);
    double mllibLoss = meanCrossEntropy(mllib.transform(data).select("p", "label"));
    NeuralNetClassificationModel trained = new NeuralNetClassifier().setLayers(LAYERS)
        .setActivation("sigmoid").setStandardize(false).setOptimizer("adam").setStepSize(0.01).setBatchSize(32)
        .setEpochs(5).setSeed(1)
        .setInitialWeights(MllibLayout.toTheta(LAYERS, mllib.weights())).fit(data);
    assertEquals("false", trained.summary().settings().get("standardize"));
    double[] history = trained.summary().objectiveHistory();
    assertEquals(6, history.length);
    assertEquals(mllibLoss, history[0], 1e-4, "the fit starts where MLlib stopped");
    double before = start.evaluate(data).accuracy();
    double after = trained.evaluate(data).accuracy();
    // From MLlib's optimum a few small Adam steps keep the accuracy
    assertTrue(after >= before - 0.05, "accuracy " + before + " -> " + after);
  }

  private static double meanCrossEntropy(Dataset<Row> scored) {
    double sum = 0;
    List<Row> rows = scored.collectAsList();
    for (Row r : rows) {
      Vector p = r.getAs(0);
      sum -= Math.log(p.apply((int) r.getDouble(1)));
    }
    return sum / rows.size();
  }
}
