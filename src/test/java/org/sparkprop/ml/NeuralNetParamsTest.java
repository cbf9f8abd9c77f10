package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparkprop.settings.Setting;
import org.sparkprop.train.Settings;

/** Params: names, defaults, docs, copies, setter validation, aliases, the settings they make. */
class NeuralNetParamsTest {

  private static Set<String> names(Params p) {
    Set<String> names = new TreeSet<>();
    for (Param<?> param : p.params()) {
      names.add(param.name());
    }
    return names;
  }

  @Test
  void everyTrainingSettingIsAParamUnderItsName() {
    NeuralNetClassifier c = new NeuralNetClassifier();
    NeuralNetRegressor r = new NeuralNetRegressor();
    Set<String> classifier = names(c);
    Set<String> regressor = names(r);
    for (Setting s : Settings.KNOWN) {
      String name = s.name();
      if (name.startsWith("data.") || name.equals("master")) {
        continue; // where the data comes from and which cluster: the DataFrame's business
      }
      if (name.equals("executorJit")) {
        continue; // an estimator's session has launched its executors already
      }
      if (name.startsWith("augment.")) {
        continue; // the params of ImageAugmenter, a stage of its own before the estimator
      }
      if (name.equals("distill.unlabeled")) {
        continue; // a data set's path, as data.*: an estimator's rows come in its DataFrame
      }
      if (name.equals("prune.from")) {
        continue; // a saved model directory: an estimator starts from initialWeights instead
      }
      name = s.paramName();
      assertTrue(classifier.contains(name), "setting " + name + " has no param: make it"
          + " Scope.BOTH in SettingRegistry and run scripts/generate-params, or exclude it here"
          + " if it means nothing to an estimator");
      if (!name.equals("output") && !name.equals("loss")) {
        assertTrue(regressor.contains(name), "regressor lacks " + name);
      }
    }
    for (String mllib : new String[] {"featuresCol", "labelCol", "predictionCol",
        "probabilityCol", "rawPredictionCol", "weightCol", "layers", "maxIter", "stepSize", "tol",
        "seed", "blockSize", "solver", "initialWeights", "thresholds"}) {
      assertTrue(classifier.contains(mllib), "classifier lacks MLlib's " + mllib);
    }
    for (Param<?> param : c.params()) {
      assertEquals(c.uid(), param.parent(), param.name());
      assertFalse(param.doc().isEmpty(), param.name());
    }
  }

  @Test
  void mllibDefaultsWhereTheNamesOverlap() {
    NeuralNetClassifier c = new NeuralNetClassifier();
    assertEquals(100, c.getMaxIter());
    assertEquals(100, c.getEpochs());
    assertEquals(1e-6, c.getTol());
    assertEquals(0.03, c.getStepSize());
    assertEquals(128, c.getBlockSize());
    assertEquals(128, c.getBatchSize());
    assertEquals("l-bfgs", c.getSolver());
    assertEquals("lbfgs", c.getOptimizer());
    assertEquals(NeuralNetClassifier.class.getName().hashCode(), c.getSeed());
    assertEquals("features", c.getFeaturesCol());
    assertEquals("label", c.getLabelCol());
    assertEquals("prediction", c.getPredictionCol());
    assertEquals("probability", c.getProbabilityCol());
    assertEquals("rawPrediction", c.getRawPredictionCol());
    assertEquals("", c.getWeightCol());
    assertNull(c.getInitialWeights());
    assertFalse(c.isDefined(c.layers()));
    assertTrue(Double.isNaN(c.getMomentum()));
    // MLlib's network while optimizer is unset: sigmoid, inputs as given
    assertEquals("sigmoid", c.getActivation());
    assertEquals("mllib", c.getInit());
    assertTrue(c.getStandardize());
    assertFalse(new NeuralNetRegressor().getStandardize());
    c.setOptimizer("adam");
    // the command line's defaults for the others
    assertEquals("relu", c.getActivation());
    assertTrue(c.getStandardize());
    assertEquals("softmax", c.getOutput());
    assertEquals(2, c.getTreeDepth());
  }

  @Test
  void explainParamsShowsDocsAndDefaults() {
    String text = new NeuralNetClassifier().setLayers(2, 4, 2).explainParams();
    assertTrue(text.contains("maxIter: MLlib's maxIter: maximum number of iterations"), text);
    assertTrue(text.contains("(default: 100)"), text);
    assertTrue(text.contains("layers: layer sizes M0,M1,...,ML"), text);
    assertTrue(text.contains("optimizer: sgd, momentum, nag"), text);
    assertTrue(text.contains("stepSize: learning rate rho"), text);
  }

  @Test
  void copyKeepsTheUidAndTakesExtraValues() {
    NeuralNetClassifier c = new NeuralNetClassifier().setLayers(2, 4, 2).setOptimizer("adam")
        .setStepSize(0.1);
    NeuralNetClassifier copy = c.copy(new ParamMap().put(c.stepSize(), 0.5));
    assertNotSame(c, copy);
    assertEquals(c.uid(), copy.uid());
    assertEquals(0.5, copy.getStepSize());
    assertEquals(0.1, c.getStepSize());
    assertEquals("adam", copy.getOptimizer());
    assertArrayEquals(new int[] {2, 4, 2}, copy.getLayers());
    // the copy's params belong to the copy: it can be set and explained
    copy.setMaxIter(3);
    assertEquals(3, copy.getMaxIter());
    assertEquals(100, c.getMaxIter());
    NeuralNetRegressor r = new NeuralNetRegressor().setLayers(1, 3, 1);
    assertArrayEquals(new int[] {1, 3, 1}, r.copy(ParamMap.empty()).getLayers());
  }

  private static void rejects(Supplier<?> setter, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter::get);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void settersRejectBadValuesNamingTheParam() {
    NeuralNetClassifier c = new NeuralNetClassifier();
    rejects(() -> c.setMaxIter(-1), "setting maxIter is '-1'; it must be an integer >= 0");
    rejects(() -> c.setEpochs(-1), "setting epochs is '-1'; it must be an integer >= 1");
    rejects(() -> c.setBlockSize(0), "setting blockSize is '0'");
    rejects(() -> c.setStepSize(-0.1),
        "setting stepSize is '-0.1'; it must be a finite number > 0");
    rejects(() -> c.setStepSize(Double.NaN), "setting stepSize is 'NaN'");
    rejects(() -> c.setTol(-1), "setting tol is '-1.0'; it must be a finite number >= 0");
    rejects(() -> c.setL2(Double.POSITIVE_INFINITY), "setting l2 is 'Infinity'");
    rejects(() -> c.setLayers(3), "setting layers is '3'; it must be sizes M0,M1,...,ML");
    rejects(() -> c.setLayers(3, 0, 2), "setting layers is '3,0,2'; it must be sizes");
    rejects(() -> c.setActivation("swish"), "setting activation is 'swish'; it must be an"
        + " activation: linear, relu");
    rejects(() -> c.setOptimizer("newton"), "setting optimizer is 'newton'; it must be one of"
        + " sgd, momentum");
    rejects(() -> c.setSolver("newton"),
        "setting solver is 'newton'; it must be one of l-bfgs, gd");
    rejects(() -> c.setMode("online-ish"), "setting mode is 'online-ish'");
    rejects(() -> c.setInit("zeros"), "setting init is 'zeros'; it must be one of auto");
    rejects(() -> c.setSchedule("linear"), "setting schedule is 'linear'");
    rejects(() -> c.setValidationFraction(1), "setting validationFraction is '1.0'; it must be a"
        + " number in [0, 1)");
    rejects(() -> c.setOutput("linear"), "use NeuralNetRegressor");
    rejects(() -> c.setLoss("hinge"), "setting loss is 'hinge'");
    rejects(() -> c.setTreeDepth(0), "setting treeDepth is '0'");
    rejects(() -> c.setInitialWeights(org.apache.spark.ml.linalg.Vectors.dense(1, Double.NaN)),
        "setting initialWeights is 'a vector with NaN at index 1'");
    // values that arrive through a ParamMap are checked by Spark with the same rules
    assertThrows(IllegalArgumentException.class, () -> new ParamMap().put(c.maxIter(), -1));
    assertThrows(IllegalArgumentException.class, () -> new ParamMap().put(c.epochs(), 0));
    assertThrows(IllegalArgumentException.class,
        () -> new ParamMap().put(c.optimizer(), "newton"));
  }

  @Test
  void sparkpropsNameWinsOverMllibsAndTheNotesSaySo() {
    NeuralNetClassifier c = new NeuralNetClassifier().setLayers(2, 2);
    c.setMaxIter(7);
    assertEquals(7, c.getEpochs());
    assertEquals("7", c.settings().get("epochs"));
    c.setEpochs(5);
    assertEquals(7, c.getMaxIter()); // MLlib's getter: its own value
    assertEquals(5, c.getEpochs());
    assertEquals("5", c.settings().get("epochs"));
    assertTrue(c.paramSet().notes(c).contains("maxIter 7 is unused: epochs 5 is set and wins"),
        c.paramSet().notes(c).toString());
    c.setBlockSize(64);
    assertEquals("128", c.settings().get("batchSize")); // blockSize only stacks rows in MLlib
    assertTrue(c.paramSet().notes(c).get(0).startsWith("blockSize 64 is unused"));
    c.setMaxIter(0);
    assertEquals("5", c.settings().get("epochs"));
    c.clear(c.epochs());
    assertEquals(0, c.paramSet().epochs(c)); // maxIter 0: no iteration, as MLlib
  }

  @Test
  void solverAndOptimizer() {
    NeuralNetClassifier c = new NeuralNetClassifier().setLayers(2, 3, 2);
    Settings s = c.settings();
    assertEquals("lbfgs", s.get("optimizer"));
    assertEquals("batch", s.get("mode"));
    assertEquals("auto", s.get("stepSize"));
    assertEquals("sigmoid", s.get("activation"));
    assertEquals("true", s.get("standardize"));
    assertEquals("mllib", s.get("init"));
    // MLlib's gd: full-batch gradient descent with stepSize 0.03
    s = c.setSolver("gd").settings();
    assertEquals("sgd", s.get("optimizer"));
    assertEquals("batch", s.get("mode"));
    assertEquals("0.03", s.get("stepSize"));
    // MLlib takes stepSize with l-bfgs and leaves it unused
    s = c.setSolver("l-bfgs").setStepSize(0.5).settings();
    assertEquals("auto", s.get("stepSize"));
    assertTrue(c.paramSet().notes(c).get(0).startsWith("stepSize 0.5 is unused"));
    c.jobConfig();
    c.clear(c.stepSize());
    s = c.setOptimizer("adam").settings();
    assertEquals("adam", s.get("optimizer"));
    assertEquals("minibatch", s.get("mode"));
    assertEquals("auto", s.get("stepSize"));
    assertEquals("relu", s.get("activation"));
    s = c.setStepSize(0.01).setBeta1(0.8).settings();
    assertEquals("0.01", s.get("stepSize"));
    assertEquals("0.8", s.get("beta1"));
    assertEquals("auto", s.get("beta2"));
    NeuralNetClassifier both = c.copy(new ParamMap().put(c.solver(), "gd"));
    assertEquals("adam", both.settings().get("optimizer"));
    assertTrue(both.paramSet().notes(both).contains(
        "solver gd is unused: optimizer adam is set and wins"),
        both.paramSet().notes(both).toString());
  }

  @Test
  void combinationsFailWithTheCommandLinesMessagesBeforeAnyJob() {
    StructType schema = MlTestData.xor(8, 1).schema();
    NeuralNetClassifier lbfgsMinibatch = new NeuralNetClassifier().setLayers(2, 2)
        .setMode("minibatch");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lbfgsMinibatch.transformSchema(schema));
    assertTrue(e.getMessage().contains("setting mode is 'minibatch'; it must be batch (or auto)"
        + " with optimizer lbfgs"), e.getMessage());
    NeuralNetClassifier lbfgsStep = new NeuralNetClassifier().setLayers(2, 2)
        .setOptimizer("lbfgs").setStepSize(0.1);
    e = assertThrows(IllegalArgumentException.class, () -> lbfgsStep.transformSchema(schema));
    assertTrue(e.getMessage().contains("setting stepSize is '0.1'; it must be auto with optimizer"
        + " lbfgs, which does not use it"), e.getMessage());
    NeuralNetClassifier patience = new NeuralNetClassifier().setLayers(2, 2).setPatience(3);
    e = assertThrows(IllegalArgumentException.class, () -> patience.transformSchema(schema));
    assertTrue(e.getMessage().contains("setting patience is '3'; it must be 0 when there is no"
        + " validation set"), e.getMessage());
    NeuralNetClassifier unusedBeta = new NeuralNetClassifier().setLayers(2, 2)
        .setOptimizer("momentum").setBeta1(0.5);
    e = assertThrows(IllegalArgumentException.class, () -> unusedBeta.transformSchema(schema));
    assertTrue(e.getMessage().contains("beta1"), e.getMessage());
    NeuralNetClassifier lbfgsCheckpoints = new NeuralNetClassifier().setLayers(2, 2)
        .setOptimizer("lbfgs").setCheckpointDir("/tmp/x");
    e = assertThrows(IllegalArgumentException.class, () -> lbfgsCheckpoints.transformSchema(schema));
    assertTrue(e.getMessage().contains("optimizer lbfgs, which does not support checkpoints"),
        e.getMessage());
    NeuralNetClassifier badResidual = new NeuralNetClassifier().setLayers(2, 4, 3, 2)
        .setResidual("1-2");
    e = assertThrows(IllegalArgumentException.class, () -> badResidual.transformSchema(schema));
    assertTrue(e.getMessage().contains("residual"), e.getMessage());
    NeuralNetClassifier noLayers = new NeuralNetClassifier();
    e = assertThrows(IllegalArgumentException.class, () -> noLayers.transformSchema(schema));
    assertTrue(e.getMessage().contains("setting layers is not set"), e.getMessage());
    NeuralNetClassifier softmaxOne = new NeuralNetClassifier().setLayers(2, 1);
    e = assertThrows(IllegalArgumentException.class, () -> softmaxOne.transformSchema(schema));
    assertTrue(e.getMessage().contains("output=softmax needs at least 2 output units"),
        e.getMessage());
    assertTrue(Arrays.asList(new NeuralNetClassifier().setLayers(2, 2)
        .transformSchema(schema).fieldNames()).containsAll(
            java.util.List.of("rawPrediction", "probability", "prediction")));
  }
}
