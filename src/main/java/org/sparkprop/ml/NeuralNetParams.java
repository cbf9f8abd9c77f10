package org.sparkprop.ml;

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

/**
 * The training params that {@link NeuralNetClassifier} and {@link NeuralNetRegressor} share:
 * every training setting of the command line under its one name ({@code layers},
 * {@code activation}, {@code mode}, {@code batchSize}, {@code optimizer}, {@code stepSize}, ...),
 * and MLlib's names for the same things where MLlib has one ({@code maxIter} = {@code epochs},
 * {@code blockSize} = {@code batchSize}, {@code solver} → {@code optimizer}), with MLlib's
 * defaults.
 *
 * <p>For each param {@code x} there is the accessor {@code x()} (what {@code params()},
 * {@code explainParams()}, {@code copy}, {@code ParamGridBuilder} and persistence use), the getter
 * {@code getX()} and the setter {@code setX(value)}, which rejects a bad value with a message that
 * names the param. The two names of one setting are aliases: setting one unsets the other, and a
 * {@code ParamMap} that gives both different values is refused at fit.
 *
 * <p>Optimizer hyperparameters {@code momentum}, {@code beta1}, {@code beta2}, {@code epsilon}
 * and {@code decay} have no default: unset means the optimizer's own ("auto"), and their getters
 * return NaN then.
 *
 * @param <T> the implementing stage, returned by the setters
 */
public interface NeuralNetParams<T extends NeuralNetParams<T>> extends Params {

  /** The Param objects behind the accessors (an implementation detail of the stages). */
  NeuralNetParamSet paramSet();

  // ---- accessors --------------------------------------------------------------------------

  default IntArrayParam layers() {
    return paramSet().layers;
  }

  default Param<String> activation() {
    return paramSet().activation;
  }

  default Param<String> connections() {
    return paramSet().connections;
  }

  default Param<String> residual() {
    return paramSet().residual;
  }

  default Param<String> dropout() {
    return paramSet().dropout;
  }

  default Param<String> layerNorm() {
    return paramSet().layerNorm;
  }

  default Param<String> batchNorm() {
    return paramSet().batchNorm;
  }

  default DoubleParam batchNormMomentum() {
    return paramSet().batchNormMomentum;
  }

  default DoubleParam normEpsilon() {
    return paramSet().normEpsilon;
  }

  default BooleanParam standardize() {
    return paramSet().standardize;
  }

  default Param<String> mode() {
    return paramSet().mode;
  }

  default IntParam batchSize() {
    return paramSet().batchSize;
  }

  default IntParam blockSize() {
    return paramSet().blockSize;
  }

  default Param<String> optimizer() {
    return paramSet().optimizer;
  }

  default Param<String> solver() {
    return paramSet().solver;
  }

  default DoubleParam stepSize() {
    return paramSet().stepSize;
  }

  default DoubleParam momentum() {
    return paramSet().momentum;
  }

  default DoubleParam beta1() {
    return paramSet().beta1;
  }

  default DoubleParam beta2() {
    return paramSet().beta2;
  }

  default DoubleParam epsilon() {
    return paramSet().epsilon;
  }

  default DoubleParam decay() {
    return paramSet().decay;
  }

  default IntParam lbfgsMemory() {
    return paramSet().lbfgsMemory;
  }

  default Param<String> schedule() {
    return paramSet().schedule;
  }

  default IntParam scheduleEvery() {
    return paramSet().scheduleEvery;
  }

  default DoubleParam scheduleGamma() {
    return paramSet().scheduleGamma;
  }

  default DoubleParam scheduleMin() {
    return paramSet().scheduleMin;
  }

  default IntParam warmupEpochs() {
    return paramSet().warmupEpochs;
  }

  default DoubleParam l2() {
    return paramSet().l2;
  }

  default DoubleParam l1() {
    return paramSet().l1;
  }

  default BooleanParam regularizeBias() {
    return paramSet().regularizeBias;
  }

  default DoubleParam clipNorm() {
    return paramSet().clipNorm;
  }

  default DoubleParam clipValue() {
    return paramSet().clipValue;
  }

  default DoubleParam inputNoise() {
    return paramSet().inputNoise;
  }

  default BooleanParam curriculum() {
    return paramSet().curriculum;
  }

  default IntParam curriculumEpochs() {
    return paramSet().curriculumEpochs;
  }

  default Param<String> init() {
    return paramSet().init;
  }

  default DoubleParam initRange() {
    return paramSet().initRange;
  }

  default IntParam epochs() {
    return paramSet().epochs;
  }

  default IntParam maxIter() {
    return paramSet().maxIter;
  }

  default DoubleParam tol() {
    return paramSet().tol;
  }

  default DoubleParam validationFraction() {
    return paramSet().validationFraction;
  }

  default IntParam patience() {
    return paramSet().patience;
  }

  default LongParam seed() {
    return paramSet().seed;
  }

  default IntParam partitions() {
    return paramSet().partitions;
  }

  default IntParam treeDepth() {
    return paramSet().treeDepth;
  }

  default BooleanParam deterministic() {
    return paramSet().deterministic;
  }

  default Param<String> checkpointDir() {
    return paramSet().checkpointDir;
  }

  default IntParam checkpointEvery() {
    return paramSet().checkpointEvery;
  }

  default IntParam checkpointKeep() {
    return paramSet().checkpointKeep;
  }

  default IntParam checkpointEveryUpdates() {
    return paramSet().checkpointEveryUpdates;
  }

  default BooleanParam resume() {
    return paramSet().resume;
  }

  default Param<Vector> initialWeights() {
    return paramSet().initialWeights;
  }

  default Param<String> weightCol() {
    return paramSet().weightCol;
  }

  // ---- getters ----------------------------------------------------------------------------

  default int[] getLayers() {
    return getOrDefault(layers()).clone();
  }

  default String getActivation() {
    return getOrDefault(activation());
  }

  default String getConnections() {
    return getOrDefault(connections());
  }

  default String getResidual() {
    return getOrDefault(residual());
  }

  default String getDropout() {
    return getOrDefault(dropout());
  }

  default String getLayerNorm() {
    return getOrDefault(layerNorm());
  }

  default String getBatchNorm() {
    return getOrDefault(batchNorm());
  }

  default double getBatchNormMomentum() {
    return (Double) getOrDefault(batchNormMomentum());
  }

  default double getNormEpsilon() {
    return (Double) getOrDefault(normEpsilon());
  }

  default boolean getStandardize() {
    return (Boolean) getOrDefault(standardize());
  }

  /** The mode as set ({@code auto} by default). */
  default String getMode() {
    return getOrDefault(mode());
  }

  /** The batch size in effect: batchSize or blockSize, whichever was set. */
  default int getBatchSize() {
    return paramSet().batchSize(this);
  }

  /** MLlib's name of {@link #getBatchSize()}. */
  default int getBlockSize() {
    return paramSet().batchSize(this);
  }

  /** The optimizer in effect: as set, or from the solver (l-bfgs: lbfgs, gd: sgd). */
  default String getOptimizer() {
    return paramSet().optimizer(this);
  }

  default String getSolver() {
    return getOrDefault(solver());
  }

  default double getStepSize() {
    return (Double) getOrDefault(stepSize());
  }

  default double getMomentum() {
    return auto(momentum());
  }

  default double getBeta1() {
    return auto(beta1());
  }

  default double getBeta2() {
    return auto(beta2());
  }

  default double getEpsilon() {
    return auto(epsilon());
  }

  default double getDecay() {
    return auto(decay());
  }

  default int getLbfgsMemory() {
    return (Integer) getOrDefault(lbfgsMemory());
  }

  default String getSchedule() {
    return getOrDefault(schedule());
  }

  default int getScheduleEvery() {
    return (Integer) getOrDefault(scheduleEvery());
  }

  default double getScheduleGamma() {
    return (Double) getOrDefault(scheduleGamma());
  }

  default double getScheduleMin() {
    return (Double) getOrDefault(scheduleMin());
  }

  default int getWarmupEpochs() {
    return (Integer) getOrDefault(warmupEpochs());
  }

  default double getL2() {
    return (Double) getOrDefault(l2());
  }

  default double getL1() {
    return (Double) getOrDefault(l1());
  }

  default boolean getRegularizeBias() {
    return (Boolean) getOrDefault(regularizeBias());
  }

  default double getClipNorm() {
    return (Double) getOrDefault(clipNorm());
  }

  default double getClipValue() {
    return (Double) getOrDefault(clipValue());
  }

  default double getInputNoise() {
    return (Double) getOrDefault(inputNoise());
  }

  default boolean getCurriculum() {
    return (Boolean) getOrDefault(curriculum());
  }

  default int getCurriculumEpochs() {
    return (Integer) getOrDefault(curriculumEpochs());
  }

  default String getInit() {
    return getOrDefault(init());
  }

  default double getInitRange() {
    return (Double) getOrDefault(initRange());
  }

  /** The number of epochs in effect: epochs or maxIter, whichever was set. */
  default int getEpochs() {
    return paramSet().epochs(this);
  }

  /** MLlib's name of {@link #getEpochs()}. */
  default int getMaxIter() {
    return paramSet().epochs(this);
  }

  default double getTol() {
    return (Double) getOrDefault(tol());
  }

  default double getValidationFraction() {
    return (Double) getOrDefault(validationFraction());
  }

  default int getPatience() {
    return (Integer) getOrDefault(patience());
  }

  default long getSeed() {
    return (Long) getOrDefault(seed());
  }

  default int getPartitions() {
    return (Integer) getOrDefault(partitions());
  }

  default int getTreeDepth() {
    return (Integer) getOrDefault(treeDepth());
  }

  default boolean getDeterministic() {
    return (Boolean) getOrDefault(deterministic());
  }

  default String getCheckpointDir() {
    return getOrDefault(checkpointDir());
  }

  default int getCheckpointEvery() {
    return (Integer) getOrDefault(checkpointEvery());
  }

  default int getCheckpointKeep() {
    return (Integer) getOrDefault(checkpointKeep());
  }

  default int getCheckpointEveryUpdates() {
    return (Integer) getOrDefault(checkpointEveryUpdates());
  }

  default boolean getResume() {
    return (Boolean) getOrDefault(resume());
  }

  /** The initial weights, or null when they are drawn by {@code init}. */
  default Vector getInitialWeights() {
    return isDefined(initialWeights()) ? getOrDefault(initialWeights()) : null;
  }

  /** The weight column, or "" when every weight is 1. */
  default String getWeightCol() {
    return isDefined(weightCol()) ? getOrDefault(weightCol()) : "";
  }

  private double auto(DoubleParam param) {
    return isDefined(param) ? (Double) getOrDefault(param) : Double.NaN;
  }

  // ---- setters ----------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  default T setLayers(int... sizes) {
    set(layers(), Checks.layers("layers", sizes));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setActivation(String value) {
    set(activation(), Checks.parsed("activation", value, Activations::parse));
    return (T) this;
  }

  /**
   * Skip connections, e.g. "3<-1,2" (layer 3 reads layers 1 and 2); checked against the layers
   * when the job is built (transformSchema, fit), with the command line's message.
   */
  @SuppressWarnings("unchecked")
  default T setConnections(String value) {
    set(connections(), text("connections", value));
    return (T) this;
  }

  /** Residual blocks, e.g. "1-3"; checked when the job is built. */
  @SuppressWarnings("unchecked")
  default T setResidual(String value) {
    set(residual(), text("residual", value));
    return (T) this;
  }

  /** Drop-out rate(s) of the hidden layers, e.g. "0.2" or "0.2,0.5"; checked when the job is built. */
  @SuppressWarnings("unchecked")
  default T setDropout(String value) {
    set(dropout(), text("dropout", value));
    return (T) this;
  }

  /** Layer normalization: "true", "false" or layers like "1,2"; checked when the job is built. */
  @SuppressWarnings("unchecked")
  default T setLayerNorm(String value) {
    set(layerNorm(), text("layerNorm", value));
    return (T) this;
  }

  /** Batch normalization: "true", "false" or layers like "1,2"; checked when the job is built. */
  @SuppressWarnings("unchecked")
  default T setBatchNorm(String value) {
    set(batchNorm(), text("batchNorm", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setBatchNormMomentum(double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(Checks.bad("batchNormMomentum", value,
          "a number in (0, 1]"));
    }
    set(batchNormMomentum(), value);
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setNormEpsilon(double value) {
    set(normEpsilon(), Checks.positive("normEpsilon", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setStandardize(boolean value) {
    set(standardize(), value);
    return (T) this;
  }

  private static String text(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException("setting " + name + " must not be null");
    }
    return value.trim();
  }

  @SuppressWarnings("unchecked")
  default T setMode(String value) {
    set(mode(), Checks.choice("mode", value, NeuralNetParamSet.MODES));
    return (T) this;
  }

  /** Sets batchSize (and unsets its alias blockSize). */
  @SuppressWarnings("unchecked")
  default T setBatchSize(int value) {
    set(batchSize(), Checks.atLeast("batchSize", value, 1));
    clear(blockSize());
    return (T) this;
  }

  /** Sets blockSize (and unsets its alias batchSize). */
  @SuppressWarnings("unchecked")
  default T setBlockSize(int value) {
    set(blockSize(), Checks.atLeast("blockSize", value, 1));
    clear(batchSize());
    return (T) this;
  }

  /** Sets the optimizer by its setting name (and unsets solver). */
  @SuppressWarnings("unchecked")
  default T setOptimizer(String value) {
    set(optimizer(), Checks.parsed("optimizer", value, NeuralNetParamSet::optimizerName)
        .toLowerCase(java.util.Locale.ROOT));
    clear(solver());
    return (T) this;
  }

  /** Sets MLlib's solver, l-bfgs or gd (and unsets optimizer). */
  @SuppressWarnings("unchecked")
  default T setSolver(String value) {
    set(solver(), Checks.choice("solver", value, NeuralNetParamSet.SOLVERS));
    clear(optimizer());
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setStepSize(double value) {
    set(stepSize(), Checks.positive("stepSize", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setMomentum(double value) {
    set(momentum(), Checks.finite("momentum", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setBeta1(double value) {
    set(beta1(), Checks.finite("beta1", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setBeta2(double value) {
    set(beta2(), Checks.finite("beta2", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setEpsilon(double value) {
    set(epsilon(), Checks.finite("epsilon", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setDecay(double value) {
    set(decay(), Checks.finite("decay", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setLbfgsMemory(int value) {
    set(lbfgsMemory(), Checks.atLeast("lbfgsMemory", value, 1));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setSchedule(String value) {
    set(schedule(), Checks.choice("schedule", value, NeuralNetParamSet.SCHEDULES));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setScheduleEvery(int value) {
    set(scheduleEvery(), Checks.atLeast("scheduleEvery", value, 1));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setScheduleGamma(double value) {
    set(scheduleGamma(), Checks.finite("scheduleGamma", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setScheduleMin(double value) {
    set(scheduleMin(), Checks.finite("scheduleMin", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setWarmupEpochs(int value) {
    set(warmupEpochs(), Checks.atLeast("warmupEpochs", value, 0));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setL2(double value) {
    set(l2(), Checks.nonNegative("l2", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setL1(double value) {
    set(l1(), Checks.nonNegative("l1", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setRegularizeBias(boolean value) {
    set(regularizeBias(), value);
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setClipNorm(double value) {
    set(clipNorm(), Checks.nonNegative("clipNorm", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setClipValue(double value) {
    set(clipValue(), Checks.nonNegative("clipValue", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setInputNoise(double value) {
    set(inputNoise(), Checks.nonNegative("inputNoise", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setCurriculum(boolean value) {
    set(curriculum(), value);
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setCurriculumEpochs(int value) {
    set(curriculumEpochs(), Checks.atLeast("curriculumEpochs", value, 1));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setInit(String value) {
    set(init(), Checks.parsed("init", value, v -> Init.parse(v, 0.1)));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setInitRange(double value) {
    set(initRange(), Checks.positive("initRange", value));
    return (T) this;
  }

  /** Sets epochs (and unsets its alias maxIter). */
  @SuppressWarnings("unchecked")
  default T setEpochs(int value) {
    set(epochs(), Checks.atLeast("epochs", value, 1));
    clear(maxIter());
    return (T) this;
  }

  /** Sets maxIter (and unsets its alias epochs). */
  @SuppressWarnings("unchecked")
  default T setMaxIter(int value) {
    set(maxIter(), Checks.atLeast("maxIter", value, 1));
    clear(epochs());
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setTol(double value) {
    set(tol(), Checks.nonNegative("tol", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setValidationFraction(double value) {
    set(validationFraction(), Checks.fraction("validationFraction", value));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setPatience(int value) {
    set(patience(), Checks.atLeast("patience", value, 0));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setSeed(long value) {
    set(seed(), value);
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setPartitions(int value) {
    set(partitions(), Checks.atLeast("partitions", value, 0));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setTreeDepth(int value) {
    set(treeDepth(), Checks.atLeast("treeDepth", value, 1));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setDeterministic(boolean value) {
    set(deterministic(), value);
    return (T) this;
  }

  /** A directory (any Hadoop file system URI) for training checkpoints; "" for none. */
  @SuppressWarnings("unchecked")
  default T setCheckpointDir(String value) {
    if (value == null) {
      throw new IllegalArgumentException("setting checkpointDir must not be null (\"\" for none)");
    }
    set(checkpointDir(), value.trim());
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setCheckpointEvery(int value) {
    set(checkpointEvery(), Checks.atLeast("checkpointEvery", value, 1));
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setCheckpointKeep(int value) {
    set(checkpointKeep(), Checks.atLeast("checkpointKeep", value, 1));
    return (T) this;
  }

  /** Also checkpoint within epochs every {@code value} updates; 0 (default): at epoch ends. */
  @SuppressWarnings("unchecked")
  default T setCheckpointEveryUpdates(int value) {
    set(checkpointEveryUpdates(), Checks.atLeast("checkpointEveryUpdates", value, 0));
    return (T) this;
  }

  /** Continue from the newest checkpoint in {@code checkpointDir} (checked at fit). */
  @SuppressWarnings("unchecked")
  default T setResume(boolean value) {
    set(resume(), value);
    return (T) this;
  }

  /** Initial weights Θ; their count must match the layers (checked at fit). */
  @SuppressWarnings("unchecked")
  default T setInitialWeights(Vector value) {
    if (value == null) {
      throw new IllegalArgumentException("setting initialWeights must not be null");
    }
    for (int i = 0; i < value.size(); i++) {
      if (!Double.isFinite(value.apply(i))) {
        throw new IllegalArgumentException("setting initialWeights has " + value.apply(i)
            + " at index " + i + "; every weight must be a finite number");
      }
    }
    set(initialWeights(), value);
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setWeightCol(String value) {
    if (value == null) {
      throw new IllegalArgumentException("setting weightCol must not be null (\"\" for none)");
    }
    set(weightCol(), value);
    return (T) this;
  }
}
