package org.sparkprop.ml;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.fit.Columns;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;

/**
 * A multilayer-perceptron regression trained data-parallel on Spark by sparkprop: a Spark ML
 * {@code Regressor} with a linear output layer and the squared error. The label is a number (one
 * output) or, for a multi-output regression, a vector or numeric array of the last layer's size;
 * the model's prediction is then a double or a vector.
 *
 * <p>Params as {@link NeuralNetClassifier}'s (see {@link NeuralNetParams}) without output, loss
 * and the classification columns. {@code fit} is overridden only to accept vector and array
 * labels, which {@code Predictor.fit} would cast to double.
 */
public final class NeuralNetRegressor
    extends Regressor<Vector, NeuralNetRegressor, NeuralNetRegressionModel>
    implements NeuralNetParams<NeuralNetRegressor>, DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  /** Assigned while the superclass constructor runs (no initializer on purpose). */
  private String uid;
  private final NeuralNetParamSet paramSet;

  public NeuralNetRegressor() {
    this(Uids.fresh("nnRegressor"));
  }

  /** With a given uid (Spark's persistence and {@code copy} use this one). */
  public NeuralNetRegressor(String uid) {
    this(Uids.stash(uid));
  }

  private NeuralNetRegressor(Uids.Token token) {
    super();
    uid();
    Uids.done();
    paramSet = new NeuralNetParamSet(this, false);
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

  /** The job's settings for the current param values (output linear, loss squared). */
  public Settings settings() {
    return paramSet.settings(this, "linear", "squared");
  }

  /** The validated job; throws the command line's message for a bad value or combination. */
  public JobConfig jobConfig() {
    return JobConfig.from(settings());
  }

  /**
   * Checks the params and the columns (features of size layers[0] when known; a numeric label
   * for one output, a vector or array label for several; a numeric weight) and returns the
   * schema the fitted model's transform gives.
   */
  @Override
  public StructType transformSchema(StructType schema) {
    NetworkSpec spec = jobConfig().network();
    int outputs = spec.size(spec.depth());
    Columns.requireFeatures(schema, getFeaturesCol(), spec.size(0));
    Columns.requireRegressionLabel(schema, getLabelCol(), outputs);
    if (!getWeightCol().isEmpty()) {
      Columns.requireWeight(schema, getWeightCol());
    }
    return NeuralNetRegressionModel.outputSchema(schema, getPredictionCol(), outputs);
  }

  /** As {@code Predictor.fit}, without casting the label to double (it may be a vector). */
  @Override
  public NeuralNetRegressionModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    NeuralNetRegressionModel model = train(dataset);
    model.setParent(this);
    return copyValues(model, ParamMap.empty());
  }

  @Override
  public NeuralNetRegressionModel train(Dataset<?> dataset) {
    Settings settings = settings();
    JobConfig config = JobConfig.from(settings);
    Fitting.Result result = Fitting.fit(dataset, settings, config, getFeaturesCol(),
        getLabelCol(), getWeightCol(), getInitialWeights(), getResume(), false,
        paramSet.epochs(this), paramSet.notes(this));
    return new NeuralNetRegressionModel(uid(), result.spec(), result.theta(), result.state(),
        result.summary());
  }

  @Override
  public NeuralNetRegressor copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Reads an estimator saved with {@code write().save(path)}. */
  public static MLReader<NeuralNetRegressor> read() {
    return new DefaultParamsReader<>();
  }

  public static NeuralNetRegressor load(String path) {
    return read().load(path);
  }
}
