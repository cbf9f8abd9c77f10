package org.sparkprop.ml;

import java.io.Serializable;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Init;
import org.sparkprop.optim.Optimizers;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.SettingRegistry;
import org.sparkprop.train.Settings;

/**
 * The Param objects of the training settings that {@link NeuralNetClassifier} and
 * {@link NeuralNetRegressor} share, created with their owner as parent, and the translation of
 * their values into the job's {@link Settings} (so that {@link JobConfig#from} validates them with
 * the command line's messages).
 *
 * <p>Every param is a field here and is reached through an accessor of {@link NeuralNetParams}
 * named after it, so {@code params()}, {@code explainParams()}, {@code copy} and persistence see
 * it like any MLlib param. Names are the settings' names ({@code Settings.KNOWN}), plus MLlib's
 * aliases {@code maxIter} (= {@code epochs}), {@code blockSize} (= {@code batchSize}) and
 * {@code solver} ({@code l-bfgs} = optimizer {@code lbfgs} in mode {@code batch}, {@code gd} =
 * optimizer {@code sgd}). Where a name is MLlib's, so is its default.
 */
public final class NeuralNetParamSet implements Serializable {

  private static final long serialVersionUID = 1L;

  static final String[] MODES = {"auto", "batch", "minibatch", "incremental"};
  static final String[] SOLVERS = {"l-bfgs", "gd"};
  static final String[] SCHEDULES = {"constant", "step", "exponential", "cosine"};

  /** MLlib's defaults for the names it shares. */
  static final int DEFAULT_MAX_ITER = 100;
  static final int DEFAULT_BLOCK_SIZE = 128;
  static final double DEFAULT_STEP_SIZE = 0.03;
  static final double DEFAULT_TOL = 1e-6;
  static final String DEFAULT_SOLVER = "l-bfgs";

  final IntArrayParam layers;
  final Param<String> activation;
  final Param<String> connections;
  final Param<String> residual;
  final Param<String> dropout;
  final Param<String> layerNorm;
  final Param<String> batchNorm;
  final DoubleParam batchNormMomentum;
  final DoubleParam normEpsilon;
  final BooleanParam standardize;
  final Param<String> mode;
  final IntParam batchSize;
  final IntParam blockSize;
  final Param<String> optimizer;
  final Param<String> solver;
  final DoubleParam stepSize;
  final DoubleParam momentum;
  final DoubleParam beta1;
  final DoubleParam beta2;
  final DoubleParam epsilon;
  final DoubleParam decay;
  final IntParam lbfgsMemory;
  final Param<String> schedule;
  final IntParam scheduleEvery;
  final DoubleParam scheduleGamma;
  final DoubleParam scheduleMin;
  final IntParam warmupEpochs;
  final DoubleParam l2;
  final DoubleParam l1;
  final BooleanParam regularizeBias;
  final DoubleParam clipNorm;
  final DoubleParam clipValue;
  final DoubleParam inputNoise;
  final BooleanParam curriculum;
  final IntParam curriculumEpochs;
  final Param<String> init;
  final DoubleParam initRange;
  final IntParam epochs;
  final IntParam maxIter;
  final DoubleParam tol;
  final DoubleParam validationFraction;
  final IntParam patience;
  final LongParam seed;
  final IntParam partitions;
  final IntParam treeDepth;
  final BooleanParam deterministic;
  final Param<String> checkpointDir;
  final IntParam checkpointEvery;
  final IntParam checkpointKeep;
  final BooleanParam resume;
  final Param<Vector> initialWeights;
  final Param<String> weightCol;

  /** Creates the params of {@code owner} and sets their defaults on it. */
  NeuralNetParamSet(Params owner) {
    layers = new IntArrayParam(owner, "layers", doc("layers")
        + "; required (no default), as in MLlib", Checks.layers());
    activation = new Param<>(owner, "activation", doc("activation"),
        Checks.parses(Activations::parse));
    connections = new Param<>(owner, "connections", doc("connections"), Checks.notNull());
    residual = new Param<>(owner, "residual", doc("residual"), Checks.notNull());
    dropout = new Param<>(owner, "dropout", doc("dropout"), Checks.notNull());
    layerNorm = new Param<>(owner, "layerNorm", doc("layerNorm"), Checks.notNull());
    batchNorm = new Param<>(owner, "batchNorm", doc("batchNorm"), Checks.notNull());
    batchNormMomentum = new DoubleParam(owner, "batchNormMomentum", doc("batchNormMomentum")
        + ", in (0, 1]", Checks.halfOpenUnit());
    normEpsilon = new DoubleParam(owner, "normEpsilon", doc("normEpsilon"),
        Checks.finitePositive());
    standardize = new BooleanParam(owner, "standardize", doc("standardize"));
    mode = new Param<>(owner, "mode", "auto (batch for optimizer lbfgs, else minibatch), "
        + doc("mode"), Checks.oneOf(MODES));
    batchSize = new IntParam(owner, "batchSize", doc("batchSize")
        + "; the same setting as blockSize (MLlib's name)", Checks.intAtLeast(1));
    blockSize = new IntParam(owner, "blockSize", "MLlib's name of batchSize: samples per update in"
        + " minibatch mode (>= 1)", Checks.intAtLeast(1));
    optimizer = new Param<>(owner, "optimizer", doc("optimizer")
        + "; unset: from solver (l-bfgs: lbfgs, gd: sgd)", Checks.parses(NeuralNetParamSet::optimizerName));
    solver = new Param<>(owner, "solver", "MLlib's solver: l-bfgs (optimizer lbfgs, mode batch) or gd"
        + " (optimizer sgd); an explicitly set optimizer takes its place", Checks.oneOf(SOLVERS));
    stepSize = new DoubleParam(owner, "stepSize", "learning rate rho (> 0); the default 0.03"
        + " (MLlib's) applies to solver gd, any other optimizer takes its own default unless"
        + " stepSize is set; lbfgs takes none", Checks.finitePositive());
    momentum = new DoubleParam(owner, "momentum", doc("momentum") + "; unset: auto", Checks.finite());
    beta1 = new DoubleParam(owner, "beta1", doc("beta1") + "; unset: auto", Checks.finite());
    beta2 = new DoubleParam(owner, "beta2", doc("beta2") + "; unset: auto", Checks.finite());
    epsilon = new DoubleParam(owner, "epsilon", doc("epsilon") + "; unset: auto", Checks.finite());
    decay = new DoubleParam(owner, "decay", doc("decay") + "; unset: auto", Checks.finite());
    lbfgsMemory = new IntParam(owner, "lbfgsMemory", doc("lbfgsMemory"), Checks.intAtLeast(1));
    schedule = new Param<>(owner, "schedule", doc("schedule"), Checks.oneOf(SCHEDULES));
    scheduleEvery = new IntParam(owner, "scheduleEvery", doc("scheduleEvery"), Checks.intAtLeast(1));
    scheduleGamma = new DoubleParam(owner, "scheduleGamma", doc("scheduleGamma"), Checks.finite());
    scheduleMin = new DoubleParam(owner, "scheduleMin", doc("scheduleMin"), Checks.finite());
    warmupEpochs = new IntParam(owner, "warmupEpochs", doc("warmupEpochs"), Checks.intAtLeast(0));
    l2 = new DoubleParam(owner, "l2", doc("l2"), Checks.finiteAtLeast(0));
    l1 = new DoubleParam(owner, "l1", doc("l1"), Checks.finiteAtLeast(0));
    regularizeBias = new BooleanParam(owner, "regularizeBias", doc("regularizeBias"));
    clipNorm = new DoubleParam(owner, "clipNorm", doc("clipNorm"), Checks.finiteAtLeast(0));
    clipValue = new DoubleParam(owner, "clipValue", doc("clipValue"), Checks.finiteAtLeast(0));
    inputNoise = new DoubleParam(owner, "inputNoise", doc("inputNoise"), Checks.finiteAtLeast(0));
    curriculum = new BooleanParam(owner, "curriculum", doc("curriculum"));
    curriculumEpochs = new IntParam(owner, "curriculumEpochs", doc("curriculumEpochs"),
        Checks.intAtLeast(1));
    init = new Param<>(owner, "init", doc("init"), Checks.parses(v -> Init.parse(v, 0.1)));
    initRange = new DoubleParam(owner, "initRange", doc("initRange"), Checks.finitePositive());
    epochs = new IntParam(owner, "epochs", doc("epochs")
        + "; the same setting as maxIter (MLlib's name)", Checks.intAtLeast(1));
    maxIter = new IntParam(owner, "maxIter", "MLlib's name of epochs: maximum number of epochs"
        + " (iterations for lbfgs), >= 1", Checks.intAtLeast(1));
    tol = new DoubleParam(owner, "tol", doc("tol"), Checks.finiteAtLeast(0));
    validationFraction = new DoubleParam(owner, "validationFraction", doc("validationFraction")
        + ", in [0, 1)", Checks.fraction());
    patience = new IntParam(owner, "patience", doc("patience"), Checks.intAtLeast(0));
    seed = new LongParam(owner, "seed", doc("seed"));
    partitions = new IntParam(owner, "partitions", doc("partitions"), Checks.intAtLeast(0));
    treeDepth = new IntParam(owner, "treeDepth", doc("treeDepth"), Checks.intAtLeast(1));
    deterministic = new BooleanParam(owner, "deterministic", doc("deterministic"));
    checkpointDir = new Param<>(owner, "checkpointDir", doc("checkpointDir") + "; fit writes"
        + " checkpoints there and, with resume, continues from the newest",
        Checks.<String>anyValue());
    checkpointEvery = new IntParam(owner, "checkpointEvery", doc("checkpointEvery"),
        Checks.intAtLeast(1));
    checkpointKeep = new IntParam(owner, "checkpointKeep", doc("checkpointKeep"),
        Checks.intAtLeast(1));
    resume = new BooleanParam(owner, "resume", "continue from the newest checkpoint in"
        + " checkpointDir (the command line's --resume): the same settings, except that epochs"
        + " may grow; the result is the one of an uninterrupted fit");
    initialWeights = new Param<>(owner, "initialWeights", "initial weights Θ (one value per"
        + " parameter, in the layout of ThetaLayout); unset: drawn by init with the seed",
        Checks.<Vector>anyValue());
    weightCol = new Param<>(owner, "weightCol", "weight column name; sample weights must be"
        + " finite and >= 0, and row n counts w_n times in the loss and the gradient (unset or"
        + " empty: every weight is 1)", Checks.<String>anyValue());

    // Defaults: MLlib's for the names it shares, the command line's for the others.
    owner.setDefault(activation, setting("activation"));
    owner.setDefault(connections, setting("connections"));
    owner.setDefault(residual, setting("residual"));
    owner.setDefault(dropout, setting("dropout"));
    owner.setDefault(layerNorm, setting("layerNorm"));
    owner.setDefault(batchNorm, setting("batchNorm"));
    owner.setDefault(batchNormMomentum, Double.parseDouble(setting("batchNormMomentum")));
    owner.setDefault(normEpsilon, Double.parseDouble(setting("normEpsilon")));
    owner.setDefault(standardize, Boolean.parseBoolean(setting("standardize")));
    owner.setDefault(mode, "auto");
    owner.setDefault(batchSize, DEFAULT_BLOCK_SIZE);
    owner.setDefault(blockSize, DEFAULT_BLOCK_SIZE);
    owner.setDefault(solver, DEFAULT_SOLVER);
    owner.setDefault(stepSize, DEFAULT_STEP_SIZE);
    owner.setDefault(lbfgsMemory, Integer.parseInt(setting("lbfgsMemory")));
    owner.setDefault(schedule, setting("schedule"));
    owner.setDefault(scheduleEvery, Integer.parseInt(setting("scheduleEvery")));
    owner.setDefault(scheduleGamma, Double.parseDouble(setting("scheduleGamma")));
    owner.setDefault(scheduleMin, Double.parseDouble(setting("scheduleMin")));
    owner.setDefault(warmupEpochs, Integer.parseInt(setting("warmupEpochs")));
    owner.setDefault(l2, Double.parseDouble(setting("l2")));
    owner.setDefault(l1, Double.parseDouble(setting("l1")));
    owner.setDefault(regularizeBias, Boolean.parseBoolean(setting("regularizeBias")));
    owner.setDefault(clipNorm, Double.parseDouble(setting("clipNorm")));
    owner.setDefault(clipValue, Double.parseDouble(setting("clipValue")));
    owner.setDefault(inputNoise, Double.parseDouble(setting("inputNoise")));
    owner.setDefault(curriculum, Boolean.parseBoolean(setting("curriculum")));
    owner.setDefault(curriculumEpochs, Integer.parseInt(setting("curriculumEpochs")));
    owner.setDefault(init, setting("init"));
    owner.setDefault(initRange, Double.parseDouble(setting("initRange")));
    owner.setDefault(epochs, DEFAULT_MAX_ITER);
    owner.setDefault(maxIter, DEFAULT_MAX_ITER);
    owner.setDefault(tol, DEFAULT_TOL);
    owner.setDefault(validationFraction, Double.parseDouble(setting("validationFraction")));
    owner.setDefault(patience, Integer.parseInt(setting("patience")));
    // MLlib's HasSeed default: the hash of the class name.
    owner.setDefault(seed, (long) owner.getClass().getName().hashCode());
    owner.setDefault(partitions, Integer.parseInt(setting("partitions")));
    owner.setDefault(treeDepth, Integer.parseInt(setting("treeDepth")));
    owner.setDefault(deterministic, Boolean.parseBoolean(setting("deterministic")));
    owner.setDefault(checkpointDir, setting("checkpointDir"));
    owner.setDefault(checkpointEvery, Integer.parseInt(setting("checkpointEvery")));
    owner.setDefault(checkpointKeep, Integer.parseInt(setting("checkpointKeep")));
    owner.setDefault(resume, false);
  }

  /** The description of a setting, from the command line's table: one name, one meaning. */
  static String doc(String name) {
    return SettingRegistry.get(name).doc();
  }

  private static String setting(String name) {
    return Settings.defaults().get(name);
  }

  /** Accepts an optimizer name of the settings (lbfgs included). */
  static void optimizerName(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    if (!key.equals("lbfgs")) {
      Optimizers.hyperparameters(key);
    }
  }

  // ---- effective values -----------------------------------------------------------------

  /** The number of epochs: epochs or maxIter, whichever is set (they must agree if both are). */
  int epochs(Params p) {
    return alias(p, epochs, maxIter);
  }

  /** The batch size: batchSize or blockSize, whichever is set (they must agree if both are). */
  int batchSize(Params p) {
    return alias(p, batchSize, blockSize);
  }

  private static int alias(Params p, IntParam ours, IntParam mllib) {
    int a = (Integer) p.getOrDefault(ours);
    int b = (Integer) p.getOrDefault(mllib);
    if (p.isSet(ours) && p.isSet(mllib) && a != b) {
      throw new IllegalArgumentException("settings " + mllib.name() + " and " + ours.name()
          + " are one setting (MLlib's name and sparkprop's) but " + mllib.name() + " is " + b
          + " and " + ours.name() + " is " + a + "; set only one");
    }
    return p.isSet(ours) ? a : b;
  }

  /** The optimizer's setting name: optimizer if set, else the solver's. */
  String optimizer(Params p) {
    String fromSolver = ((String) p.getOrDefault(solver)).trim().toLowerCase(Locale.ROOT)
        .equals("gd") ? "sgd" : "lbfgs";
    if (!p.isSet(optimizer)) {
      return fromSolver;
    }
    String chosen = ((String) p.getOrDefault(optimizer)).trim().toLowerCase(Locale.ROOT);
    if (p.isSet(solver) && !chosen.equals(fromSolver)) {
      throw new IllegalArgumentException("settings solver and optimizer are one setting (MLlib's"
          + " name and sparkprop's) but solver is '" + p.getOrDefault(solver) + "' (optimizer "
          + fromSolver + ") and optimizer is '" + chosen + "'; set only one");
    }
    return chosen;
  }

  /** The mode's setting name: batch for lbfgs and minibatch otherwise when mode is auto. */
  String mode(Params p) {
    String m = ((String) p.getOrDefault(mode)).trim().toLowerCase(Locale.ROOT);
    if (!m.equals("auto")) {
      return m;
    }
    return optimizer(p).equals("lbfgs") ? "batch" : "minibatch";
  }

  /** The stepSize setting: as set; MLlib's default for solver gd; else auto. */
  String stepSize(Params p) {
    if (p.isSet(stepSize)) {
      return number(p.getOrDefault(stepSize));
    }
    boolean mllibGd = !p.isSet(optimizer) && optimizer(p).equals("sgd");
    return mllibGd ? number(p.getOrDefault(stepSize)) : "auto";
  }

  /**
   * The job's settings for these param values: every training setting of the command line,
   * under the same name. {@code output} and {@code loss} are the estimator's.
   */
  Settings settings(Params p, String output, String loss) {
    if (!p.isDefined(layers)) {
      throw new IllegalArgumentException("setting layers is not set; it has no default (as in"
          + " MLlib): set the layer sizes M0,M1,...,ML, inputs first and outputs last, e.g."
          + " setLayers(2, 16, 2)");
    }
    StringJoiner sizes = new StringJoiner(",");
    for (int size : (int[]) p.getOrDefault(layers)) {
      sizes.add(Integer.toString(size));
    }
    Settings s = Settings.defaults();
    String origin = "param";
    s = s.with("layers", sizes.toString(), origin);
    s = s.with("activation", (String) p.getOrDefault(activation), origin);
    s = s.with("output", output, origin);
    s = s.with("loss", loss, origin);
    s = s.with("connections", (String) p.getOrDefault(connections), origin);
    s = s.with("residual", (String) p.getOrDefault(residual), origin);
    s = s.with("dropout", (String) p.getOrDefault(dropout), origin);
    s = s.with("layerNorm", (String) p.getOrDefault(layerNorm), origin);
    s = s.with("batchNorm", (String) p.getOrDefault(batchNorm), origin);
    s = s.with("batchNormMomentum", value(p, batchNormMomentum), origin);
    s = s.with("normEpsilon", value(p, normEpsilon), origin);
    s = s.with("standardize", value(p, standardize), origin);
    s = s.with("mode", mode(p), origin);
    s = s.with("batchSize", Integer.toString(batchSize(p)), origin);
    s = s.with("optimizer", optimizer(p), origin);
    s = s.with("stepSize", stepSize(p), origin);
    s = s.with("momentum", auto(p, momentum), origin);
    s = s.with("beta1", auto(p, beta1), origin);
    s = s.with("beta2", auto(p, beta2), origin);
    s = s.with("epsilon", auto(p, epsilon), origin);
    s = s.with("decay", auto(p, decay), origin);
    s = s.with("lbfgsMemory", value(p, lbfgsMemory), origin);
    s = s.with("schedule", (String) p.getOrDefault(schedule), origin);
    s = s.with("scheduleEvery", value(p, scheduleEvery), origin);
    s = s.with("scheduleGamma", value(p, scheduleGamma), origin);
    s = s.with("scheduleMin", value(p, scheduleMin), origin);
    s = s.with("warmupEpochs", value(p, warmupEpochs), origin);
    s = s.with("l2", value(p, l2), origin);
    s = s.with("l1", value(p, l1), origin);
    s = s.with("regularizeBias", value(p, regularizeBias), origin);
    s = s.with("clipNorm", value(p, clipNorm), origin);
    s = s.with("clipValue", value(p, clipValue), origin);
    s = s.with("inputNoise", value(p, inputNoise), origin);
    s = s.with("curriculum", value(p, curriculum), origin);
    s = s.with("curriculumEpochs", value(p, curriculumEpochs), origin);
    s = s.with("init", (String) p.getOrDefault(init), origin);
    s = s.with("initRange", value(p, initRange), origin);
    s = s.with("epochs", Integer.toString(epochs(p)), origin);
    s = s.with("tol", value(p, tol), origin);
    s = s.with("validationFraction", value(p, validationFraction), origin);
    s = s.with("patience", value(p, patience), origin);
    s = s.with("seed", value(p, seed), origin);
    s = s.with("partitions", value(p, partitions), origin);
    s = s.with("treeDepth", value(p, treeDepth), origin);
    s = s.with("deterministic", value(p, deterministic), origin);
    s = s.with("checkpointDir", (String) p.getOrDefault(checkpointDir), origin);
    s = s.with("checkpointEvery", value(p, checkpointEvery), origin);
    s = s.with("checkpointKeep", value(p, checkpointKeep), origin);
    return s;
  }

  private static String value(Params p, Param<?> param) {
    Object v = p.getOrDefault(param);
    return v instanceof Double d ? number(d) : String.valueOf(v);
  }

  private static String auto(Params p, DoubleParam param) {
    return p.isSet(param) ? number(p.getOrDefault(param)) : "auto";
  }

  private static String number(Object d) {
    return Double.toString((Double) d);
  }
}
