package org.sparkprop.ml;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.fit.Columns;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;
import scala.Option;

/**
 * A multilayer-perceptron classifier trained data-parallel on Spark by sparkprop: a Spark ML
 * {@code ProbabilisticClassifier} (so also a {@code Classifier}, {@code Predictor} and
 * {@code Estimator}) whose model adds the standard {@code rawPrediction} (the output logits
 * φ^L), {@code probability} (their softmax) and {@code prediction} columns.
 *
 * <p>It takes the params of MLlib's {@code MultilayerPerceptronClassifier} under the same names
 * and defaults ({@code layers}, {@code maxIter} 100, {@code tol} 1e-6, {@code stepSize} 0.03,
 * {@code blockSize} 128, {@code solver} "l-bfgs", {@code seed}, {@code initialWeights},
 * {@code thresholds} and the column params), plus every training setting of the sparkprop command
 * line under its one name (see {@link NeuralNetParams}), plus {@link #output()} (softmax or
 * sigmoid) and {@link #loss()}. The job is built through the command line's {@code Settings} and
 * {@code JobConfig}, so a bad combination fails with the command line's message, in
 * {@link #transformSchema} already (before any Spark job) and again at {@code fit}.
 *
 * <p>Features are a vector column or an {@code array<double>}/{@code array<float>} column of
 * {@code layers[0]} finite values; labels are integers in [0, C) with C = the last layer size
 * (0/1 for a single sigmoid output). Training packs the rows once into cached float blocks on the
 * executors; each update broadcasts Θ and combines the shard gradients with
 * {@code treeAggregate}.
 *
 * <p>Why extend Spark's Scala classes from Java: it makes the stage a real
 * {@code ProbabilisticClassifier} for Spark's tools (pipelines, tuning, evaluators) and inherits
 * MLlib's column params and setters. Its costs are handled here: the superclass constructors ask
 * for {@code uid()} before Java fields exist (see {@code Uids}); Scala's protected members are
 * public in bytecode, so {@link #train} and {@link #copy} are public.
 */
public final class NeuralNetClassifier
    extends ProbabilisticClassifier<Vector, NeuralNetClassifier, NeuralNetClassificationModel>
    implements NeuralNetParams<NeuralNetClassifier>, DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  /** Assigned while the superclass constructor runs (no initializer on purpose). */
  private String uid;
  private final NeuralNetParamSet paramSet;
  private final Param<String> output;
  private final Param<String> loss;

  public NeuralNetClassifier() {
    this(Uids.fresh("nnClassifier"));
  }

  /** With a given uid (Spark's persistence and {@code copy} use this one). */
  public NeuralNetClassifier(String uid) {
    this(Uids.stash(uid));
  }

  private NeuralNetClassifier(Uids.Token token) {
    super();
    uid();
    Uids.done();
    paramSet = new NeuralNetParamSet(this, true);
    output = new Param<>(this, "output", "output activation of a classifier: softmax (class"
        + " posteriors) or sigmoid (one output for labels 0/1, or one per class)",
        Checks.oneOf("softmax", "sigmoid"));
    loss = new Param<>(this, "loss", NeuralNetParamSet.doc("loss"),
        Checks.oneOf("auto", "cross_entropy", "squared"));
    setDefault(output, "softmax");
    setDefault(loss, "auto");
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = Uids.take();
    }
    return uid;
  }

  @Override
  public NeuralNetParamSet paramSet() {
    return paramSet;
  }

  /** The output activation: softmax (default) or sigmoid. */
  public Param<String> output() {
    return output;
  }

  /** The loss: auto (cross_entropy for softmax, else squared), cross_entropy or squared. */
  public Param<String> loss() {
    return loss;
  }

  public String getOutput() {
    return getOrDefault(output);
  }

  public String getLoss() {
    return getOrDefault(loss);
  }

  public NeuralNetClassifier setOutput(String value) {
    if (value != null && value.trim().equalsIgnoreCase("linear")) {
      throw new IllegalArgumentException("setting output is 'linear'; a classifier needs softmax"
          + " or sigmoid (use NeuralNetRegressor for a linear output)");
    }
    set(output, Checks.choice("output", value, "softmax", "sigmoid"));
    return this;
  }

  public NeuralNetClassifier setLoss(String value) {
    set(loss, Checks.choice("loss", value, "auto", "cross_entropy", "squared"));
    return this;
  }

  /** The job's settings for the current param values (every name as on the command line). */
  public Settings settings() {
    return paramSet.settings(this, getOutput(), getLoss());
  }

  /** The validated job; throws the command line's message for a bad value or combination. */
  public JobConfig jobConfig() {
    return JobConfig.from(settings());
  }

  /**
   * Checks the params and the columns (features vector/array of size layers[0] when known,
   * numeric label, numeric weight) and returns the schema the fitted model's transform gives.
   */
  @Override
  public StructType transformSchema(StructType schema) {
    NetworkSpec spec = jobConfig().network();
    Columns.requireFeatures(schema, getFeaturesCol(), spec.size(0));
    Columns.requireClassLabel(schema, getLabelCol());
    if (!getWeightCol().isEmpty()) {
      Columns.requireWeight(schema, getWeightCol());
    }
    int classes = Math.max(2, spec.size(spec.depth()));
    return NeuralNetClassificationModel.outputSchema(schema, getRawPredictionCol(),
        getProbabilityCol(), getPredictionCol(), classes,
        isDefined(thresholds()) ? getThresholds() : null);
  }

  /** Trains on {@code dataset} (called by {@code fit}, after {@link #transformSchema}). */
  @Override
  public NeuralNetClassificationModel train(Dataset<?> dataset) {
    Settings settings = settings();
    JobConfig config = JobConfig.from(settings);
    Fitting.Result result = Fitting.fit(dataset, settings, config, getFeaturesCol(),
        getLabelCol(), getWeightCol(), getInitialWeights(), getResume(), true,
        paramSet.epochs(this), paramSet.notes(this));
    NeuralNetClassificationModel model = new NeuralNetClassificationModel(uid(), result.spec(),
        result.theta(), result.state());
    copyValues(model, ParamMap.empty());
    // As MLlib: the training summary's figures come from the model's predictions on the data.
    NeuralNetClassificationModel scoring = model.summaryModel();
    model.setSummary(Option.apply(new NeuralNetClassificationTrainingSummary(result.summary(),
        scoring.transform(dataset), scoring.getPredictionCol(), getLabelCol(), getWeightCol())));
    return model;
  }

  @Override
  public NeuralNetClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Reads an estimator saved with {@code write().save(path)}. */
  public static MLReader<NeuralNetClassifier> read() {
    return new DefaultParamsReader<>();
  }

  public static NeuralNetClassifier load(String path) {
    return read().load(path);
  }
}
