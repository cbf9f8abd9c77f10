package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkprop.ml.NeuralNetClassifier;
import org.sparkprop.ml.ParamsCodeGen;
import org.sparkprop.settings.Setting;
import org.sparkprop.settings.SettingType;
import org.sparkprop.settings.Source;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.SettingRegistry;
import org.sparkprop.train.Settings;

/**
 * Every setting of the registry, given a value other than its default, comes out the same
 * whichever way it goes in: a config file, {@code --set}, {@code --conf spark.sparkprop.*}
 * and, for params, the Estimator's setter. Settings some values need (optimizer adam for beta1,
 * ...) go in the same way alongside.
 */
class SettingsRoundTripTest {

  /** A value other than the default for every setting, and the settings it needs. */
  private static final Map<String, String> VALUE = new LinkedHashMap<>();
  private static final Map<String, String> NEEDS = Map.ofEntries(
      Map.entry("momentum", "optimizer=momentum"),
      Map.entry("beta1", "optimizer=adam"), Map.entry("beta2", "optimizer=adam"),
      Map.entry("epsilon", "optimizer=adam"), Map.entry("decay", "optimizer=rmsprop"),
      Map.entry("patience", "validationFraction=0.25"),
      Map.entry("scheduleEvery", "schedule=step"), Map.entry("scheduleGamma", "schedule=step"),
      Map.entry("scheduleMin", "schedule=cosine"), Map.entry("curriculumEpochs", "curriculum=true"),
      Map.entry("initRange", "init=uniform"), Map.entry("quantize.type", "quantize.aware=true"),
      Map.entry("lbfgsMemory", "optimizer=lbfgs;mode=batch"),
      Map.entry("optimizer", "stepSize=0.25"),
      Map.entry("augment.flip", "layers=16,4,2;data.imageShape=4x4x1"),
      Map.entry("augment.rotate", "layers=16,4,2;data.imageShape=4x4x1"),
      Map.entry("augment.shift", "layers=16,4,2;data.imageShape=4x4x1"),
      Map.entry("augment.crop", "layers=16,4,2;data.imageShape=4x4x1"),
      Map.entry("augment.brightness", "layers=16,4,2;data.imageShape=4x4x1"),
      Map.entry("augment.contrast", "layers=16,4,2;data.imageShape=4x4x1"),
      Map.entry("augment.saturation", "layers=48,4,2;data.imageShape=4x4x3"),
      Map.entry("distill.unlabeled", "data.format=idx;distill.teacher=/tmp/sparkprop-teacher"),
      Map.entry("data.labelColumn", "data.format=csv"), Map.entry("data.labelCol",
          "data.format=parquet"), Map.entry("data.featuresCol", "data.format=parquet"));

  static {
    String[] pairs = {
        "layers", "3,16,16,4", "activation", "tanh", "output", "sigmoid", "loss", "squared",
        "connections", "3<-1,2", "residual", "1-2", "dropout", "0.25", "layerNorm", "1",
        "batchNorm", "2", "batchNormMomentum", "0.25", "normEpsilon", "0.001",
        "standardize", "false", "mode", "incremental", "batchSize", "7", "blockSize", "9",
        "optimizer", "nag", "solver", "gd", "stepSize", "0.25", "momentum", "0.5",
        "beta1", "0.5", "beta2", "0.75", "epsilon", "0.001", "decay", "0.5", "lbfgsMemory", "4",
        "schedule", "exponential", "scheduleEvery", "3", "scheduleGamma", "0.75",
        "scheduleMin", "0.25", "warmupEpochs", "2", "l2", "0.25", "l1", "0.125",
        "regularizeBias", "true", "clipNorm", "2.5", "clipValue", "0.5", "inputNoise", "0.125",
        "augment.flip", "true", "augment.rotate", "12.5", "augment.shift", "1",
        "augment.crop", "1:4", "augment.brightness", "0.25", "augment.contrast", "0.25",
        "augment.saturation", "0.25", "augment.noise", "0.25",
        "distill.teacher", "/tmp/sparkprop-teacher", "distill.temperature", "2.5",
        "distill.alpha", "0.25", "distill.unlabeled", "/tmp/sparkprop-unlabeled",
        "augment.text.copies", "2", "augment.text.synonyms", "/tmp/synonyms.tsv",
        "augment.text.substitute", "1", "augment.text.insert", "2", "augment.text.swap", "3",
        "augment.text.delete", "0.25",
        "curriculum", "true", "curriculumEpochs", "3", "quantize.aware", "true",
        "quantize.type", "float16", "init", "xavier", "initRange", "0.25",
        "epochs", "7", "maxIter", "9", "tol", "0.125", "validationFraction", "0.25",
        "patience", "2", "prune.method", "saliency", "prune.target", "0.75",
        "prune.steps", "3", "prune.every", "2", "prune.units", "true", "prune.threshold", "0.125",
        "prune.groupLambda", "0.125", "prune.from", "/tmp/sparkprop-roundtrip-model",
        "checkpointDir", "/tmp/sparkprop-roundtrip", "checkpointEvery", "2",
        "checkpointEveryUpdates", "5", "checkpointKeep", "4", "resume", "true", "seed", "42",
        "partitions", "3", "master", "local[2]", "executorJit", "c1", "treeDepth", "3",
        "deterministic", "false",
        "sync", "local:3",
        "weightCol", "w", "data.format", "csv", "data.train", "train.csv",
        "data.train.labels", "train-labels", "data.validation", "validation.csv",
        "data.test", "test.csv", "data.test.labels", "test-labels",
        "data.validation.labels", "validation-labels", "data.testFraction", "0.5",
        "data.samples", "300", "data.noise", "0.25", "data.labelColumn", "4,5",
        "data.header", "true", "data.scale", "false", "data.imageShape", "4x4x1",
        "data.classNames", "cat, dog", "data.numFeatures", "12",
        "data.featuresCol", "x", "data.labelCol", "a,b", "data.storageLevel", "DISK_ONLY",
        "data.text.layout", "csv", "data.text.column", "body", "data.text.vectorizer", "count",
        "data.text.features", "64", "data.text.idf", "false", "data.sparse", "true",
        "data.outputFiles", "2"};
    for (int i = 0; i < pairs.length; i += 2) {
      VALUE.put(pairs[i], pairs[i + 1]);
    }
  }

  static Stream<Arguments> settings() {
    return SettingRegistry.ALL.stream().map(s -> Arguments.of(s.name()));
  }

  @Test
  void everySettingHasATestValueOtherThanItsDefaults() {
    for (Setting s : SettingRegistry.ALL) {
      String v = VALUE.get(s.name());
      assertTrue(v != null, "no round-trip value for setting " + s.name());
      assertNotEquals(s.defaultValue(), v, s.name());
      // A boolean whose job and param defaults differ has no third value: other than the job's.
      boolean twoDefaults = s.type() == SettingType.BOOLEAN
          && !s.defaultValue().equals(s.effectiveParamDefault());
      if (!twoDefaults) {
        assertNotEquals(s.effectiveParamDefault(), v, s.name());
      }
      s.parse(v); // an allowed value
    }
    assertEquals(SettingRegistry.ALL.size(), VALUE.size(), "values for unknown settings");
  }

  private static List<String> assignments(String name) {
    List<String> list = new ArrayList<>();
    if (NEEDS.containsKey(name)) {
      list.addAll(List.of(NEEDS.get(name).split(";")));
    }
    list.add(name + "=" + VALUE.get(name));
    return list;
  }

  @ParameterizedTest
  @MethodSource("settings")
  void aJobSettingIsTheSameFromAFileSetAndConf(String name, @TempDir Path dir) throws Exception {
    Setting setting = SettingRegistry.get(name);
    if (!setting.scope().job()) {
      return; // an Estimator param only: see the Estimator test
    }
    List<String> given = assignments(name);
    Path conf = dir.resolve("job.conf");
    Files.write(conf, given);
    Settings fromFile = Main.parse(new String[] {conf.toString(), "--out", dir.toString()})
        .settings();
    List<String> args = new ArrayList<>();
    for (String a : given) {
      args.add("--set");
      args.add(a);
    }
    args.add("--out");
    args.add(dir.toString());
    Settings fromSet = Main.parse(args.toArray(new String[0])).settings();
    Settings fromConf;
    try {
      for (String a : given) {
        int eq = a.indexOf('=');
        System.setProperty("spark.sparkprop." + a.substring(0, eq), a.substring(eq + 1));
      }
      fromConf = Main.parse(new String[] {"--out", dir.toString()}).settings();
    } finally {
      for (String a : given) {
        System.clearProperty("spark.sparkprop." + a.substring(0, a.indexOf('=')));
      }
    }
    assertEquals(VALUE.get(name), fromFile.get(name));
    assertEquals(fromFile.values(), fromSet.values(), name);
    assertEquals(fromFile.values(), fromConf.values(), name);
    assertEquals(Source.CONFIG_FILE, fromFile.source(name));
    assertEquals(Source.SET, fromSet.source(name));
    assertEquals(Source.SPARK_CONF, fromConf.source(name));
    assertEquals(Source.DEFAULT, fromFile.source(otherThan(given)));
    assertEquals("config_file", fromFile.sources().get(name));
    // The same typed job, whichever way.
    assertEquals(JobConfig.from(fromFile), JobConfig.from(fromSet), name);
    assertEquals(JobConfig.from(fromFile), JobConfig.from(fromConf), name);
    if (setting.scope().param()) {
      Settings fromParam = estimator(given).settings();
      assertEquals(fromFile.get(name), fromParam.get(name), name);
      assertEquals(Source.ESTIMATOR, fromParam.source(name));
      for (String a : given) {
        String n = a.substring(0, a.indexOf('='));
        assertEquals(fromFile.get(n), fromParam.get(n), n);
      }
      JobConfig.from(fromParam); // a valid job, with the Estimator's other defaults
    }
  }

  /**
   * MLlib's names, params only, with MLlib's meanings: maxIter gives the epochs while epochs is
   * unset; blockSize changes no result; a set optimizer wins over solver.
   */
  @Test
  void mllibNamesSetTheirSetting() throws Exception {
    assertEquals("9", estimator(assignments("maxIter")).settings().get("epochs"));
    assertEquals("128", estimator(assignments("blockSize")).settings().get("batchSize"));
    assertEquals("momentum", estimator(assignments("solver")).settings().get("optimizer"));
    NeuralNetClassifier gd = estimator(assignments("solver"));
    gd.clear(gd.optimizer());
    assertEquals("sgd", gd.settings().get("optimizer"));
    assertEquals("batch", gd.settings().get("mode"));
    NeuralNetClassifier c = estimator(assignments("resume"));
    assertTrue(c.getResume());
    assertEquals("w", estimator(assignments("weightCol")).getWeightCol());
  }

  private static String otherThan(List<String> given) {
    for (Setting s : Settings.KNOWN) {
      if (given.stream().noneMatch(a -> a.startsWith(s.name() + "="))) {
        return s.name();
      }
    }
    throw new IllegalStateException();
  }

  /**
   * A classifier with each assignment made through its generated setter, starting from the
   * command line's layers and optimizer (MLlib's default solver l-bfgs takes no stepSize, ...).
   */
  private static NeuralNetClassifier estimator(List<String> assignments) throws Exception {
    NeuralNetClassifier c = new NeuralNetClassifier().setLayers(2, 32, 32, 2)
        .setOptimizer("momentum");
    for (String a : assignments) {
      int eq = a.indexOf('=');
      String name = a.substring(0, eq);
      String text = a.substring(eq + 1);
      if (name.equals("output")) {
        c.setOutput(text);
        continue;
      }
      if (name.equals("loss")) {
        c.setLoss(text);
        continue;
      }
      Setting s = SettingRegistry.get(name);
      String param = s.paramName();
      String setter = "set" + Character.toUpperCase(param.charAt(0)) + param.substring(1);
      Method m = null;
      for (Method candidate : NeuralNetClassifier.class.getMethods()) {
        if (candidate.getName().equals(setter) && candidate.getParameterCount() == 1
            && !candidate.isBridge()) {
          m = candidate;
        }
      }
      assertTrue(m != null, "no setter " + setter);
      Object value = s.type().parse(name, text);
      m.invoke(c, value);
      assertEquals(text, s.type().format(c.getOrDefault(c.getParam(param))), name);
    }
    return c;
  }

  @Test
  void typesAreCovered() {
    for (SettingType t : SettingType.values()) {
      assertTrue(SettingRegistry.ALL.stream().anyMatch(s -> s.type() == t), t.name());
    }
  }
}
