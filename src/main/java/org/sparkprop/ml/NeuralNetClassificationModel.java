package org.sparkprop.ml;

import java.util.Arrays;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.HasTrainingSummary;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.GeneralMLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.fit.Columns;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.nn.ThetaLayout;
import scala.Option;

/**
 * A trained classifier: a Spark ML {@code ProbabilisticClassificationModel} whose
 * {@code transform} appends {@code rawPrediction} (logits φ^L), {@code probability} (softmax of
 * the logits) and {@code prediction} (the most probable class, or MLlib's rule with
 * {@code thresholds}). A column whose param is set to "" is skipped.
 *
 * <p>{@code transform} scores each partition in chunks with one gemm per layer, on the
 * executors, and works on streaming DataFrames; {@link #predict(Vector)},
 * {@link #predictRaw(Vector)} and {@link #predictProbability(Vector)} use the same code for one
 * row. Saved with {@code write().save(path)} in Spark ML's layout (metadata JSON with a format
 * version, Θ in Parquet), read with {@link #load(String)}.
 */
public final class NeuralNetClassificationModel
    extends ProbabilisticClassificationModel<Vector, NeuralNetClassificationModel>
    implements NeuralNetParams<NeuralNetClassificationModel>, MLWritable,
    HasTrainingSummary<NeuralNetClassificationTrainingSummary> {

  private static final long serialVersionUID = 1L;

  /** Assigned while the superclass constructor runs (no initializer on purpose). */
  private String uid;
  /** The network, Θ and its state (checked against each other), and the forward pass. */
  private final Scorer scorer;
  /** The estimator's params, shared as MLlib's model shares its estimator's (values at fit). */
  private final NeuralNetParamSet paramSet;
  /** The training summary of a model returned by fit (not saved, as in MLlib); null: none. */
  private transient Option<NeuralNetClassificationTrainingSummary> trainingSummary;

  /**
   * A model of a trained network, e.g. one that the command line wrote
   * ({@code ModelFile.read}).
   *
   * @param theta Θ in the layout of {@link ThetaLayout} (copied)
   */
  public NeuralNetClassificationModel(String uid, NetworkSpec spec, float[] theta) {
    this(Uids.stash(uid), new Scorer(spec, theta, new Network(spec).state().values()));
  }

  /**
   * A model of a trained network with its non-trainable state (input standardization, batch-norm
   * running statistics), e.g. {@code ModelFile.read(dir)}'s network and Θ.
   */
  public NeuralNetClassificationModel(String uid, Network network, float[] theta) {
    this(Uids.stash(uid), new Scorer(network.spec(), theta, network.state().values()));
  }

  NeuralNetClassificationModel(String uid, NetworkSpec spec, float[] theta, float[] state) {
    this(Uids.stash(uid), new Scorer(spec, theta, state));
  }

  NeuralNetClassificationModel(String uid, Scorer scorer) {
    this(Uids.stash(uid), scorer);
  }

  private NeuralNetClassificationModel(Uids.Token token, Scorer scorer) {
    super();
    uid();
    Uids.done();
    NetworkSpec spec = scorer.spec();
    if (!spec.classifies()) {
      throw new IllegalArgumentException("network " + spec + " has a linear output: it is a"
          + " regression, use NeuralNetRegressionModel");
    }
    this.scorer = scorer;
    this.paramSet = new NeuralNetParamSet(this, true);
    set(layers(), spec.sizes());
  }

  /**
   * A trained MLlib perceptron as a sparkprop model: the same network (sigmoid hidden layers,
   * softmax output, raw inputs), its weights in Θ's layout ({@link MllibLayout}), its uid, and
   * the params both share (columns, thresholds, maxIter, tol, stepSize, solver, blockSize,
   * seed). Predictions agree with MLlib's to float precision (sparkprop computes in float32).
   */
  public static NeuralNetClassificationModel fromMLlib(
      MultilayerPerceptronClassificationModel mllib) {
    int[] layers = mllib.getLayers();
    Vector theta = MllibLayout.toTheta(layers, mllib.weights());
    NetworkSpec spec = MllibLayout.network(layers);
    float[] values = new float[theta.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) theta.apply(i);
    }
    NeuralNetClassificationModel model = new NeuralNetClassificationModel(mllib.uid(), spec,
        values);
    for (Param<?> p : mllib.params()) {
      String name = p.name();
      if (mllib.isSet(p) && model.hasParam(name) && !name.equals("initialWeights")
          && !name.equals("layers")) {
        model.set(model.getParam(name), mllib.getOrDefault(p));
      }
    }
    return model;
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

  /** The network: layer sizes, activations, loss. */
  public NetworkSpec network() {
    return scorer.spec();
  }

  /** The layer sizes M0, ..., ML, as MLlib's {@code getLayers}. */
  @Override
  public int[] getLayers() {
    return scorer.spec().sizes();
  }

  /**
   * The layers param of a trained network can only restate its sizes (as the estimator's values
   * are copied onto the model at fit).
   */
  @Override
  public NeuralNetClassificationModel setLayers(int... value) {
    if (!Arrays.equals(value, scorer.spec().sizes())) {
      throw new IllegalArgumentException("setting layers is '" + Arrays.toString(value)
          + "' on a trained model of layers " + Arrays.toString(scorer.spec().sizes())
          + "; a model's layers are its network's");
    }
    set(layers(), value.clone());
    return this;
  }

  /** Θ, a copy (float32, the layout of {@link ThetaLayout}; dequantized when quantized). */
  public float[] theta() {
    return scorer.theta();
  }

  /**
   * This model with its connection weights quantized after training (docs/quantization.md):
   * {@code "int8"} (one scale per weight row) or {@code "float16"}; biases, PReLU slopes,
   * normalization parameters and state stay float32. The same uid and params; it transforms
   * from the quantized weights, and saves and loads as such.
   */
  public NeuralNetClassificationModel quantize(String type) {
    NeuralNetClassificationModel q = new NeuralNetClassificationModel(uid(),
        scorer.quantize(QuantizedType.parse(type, "quantize(type)")));
    copyValues(q, ParamMap.empty());
    return q.setParent(parent());
  }

  /** "int8" or "float16" for a quantized model, else "" (float32). */
  public String quantization() {
    return scorer.quantized() == null ? "" : scorer.quantized().type().label();
  }

  /** The non-trainable state (standardization, batch-norm running statistics), a copy. */
  public float[] state() {
    return scorer.state();
  }

  /** Θ as a vector, like MLlib's {@code weights}. */
  public Vector weights() {
    return scorer.weights();
  }

  @Override
  public int numClasses() {
    return scorer.numClasses();
  }

  @Override
  public int numFeatures() {
    return scorer.inputs();
  }

  /**
   * The training summary, as MLlib's {@code trainingSummary}: set by fit, absent on a loaded
   * model (and on one made from weights); {@link #summary()} then throws Spark's
   * {@code SparkException}, as MLlib's does.
   */
  @Override
  public Option<NeuralNetClassificationTrainingSummary> trainingSummary() {
    return trainingSummary == null ? Option.empty() : trainingSummary;
  }

  @Override
  public void trainingSummary_$eq(Option<NeuralNetClassificationTrainingSummary> summary) {
    this.trainingSummary = summary;
  }

  /**
   * The classification figures of this model on {@code dataset} (MLlib's {@code evaluate}):
   * accuracy and per-label metrics over its predictions, weighted by weightCol when set.
   */
  public NeuralNetClassificationSummary evaluate(Dataset<?> dataset) {
    NeuralNetClassificationModel scoring = summaryModel();
    return new NeuralNetClassificationSummary(scoring.transform(dataset),
        scoring.getPredictionCol(), getLabelCol(), getWeightCol());
  }

  /** This model, or a copy that names its prediction column when that param is "". */
  NeuralNetClassificationModel summaryModel() {
    return getPredictionCol().isEmpty()
        ? copy(ParamMap.empty()).setPredictionCol("prediction_" + uid()) : this;
  }

  @Override
  public Vector predictRaw(Vector features) {
    return new DenseVector(scorer.raw(scorer.forwardOne(features, getFeaturesCol()), 0));
  }

  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    if (rawPrediction instanceof DenseVector dense) {
      scorer.probabilityInPlace(dense.values());
      return dense;
    }
    double[] values = rawPrediction.toArray();
    scorer.probabilityInPlace(values);
    return new DenseVector(values);
  }

  @Override
  public Vector predictProbability(Vector features) {
    double[] raw = scorer.raw(scorer.forwardOne(features, getFeaturesCol()), 0);
    scorer.probabilityInPlace(raw);
    return new DenseVector(raw);
  }

  @Override
  public double predict(Vector features) {
    double[] raw = scorer.raw(scorer.forwardOne(features, getFeaturesCol()), 0);
    scorer.probabilityInPlace(raw);
    return Scorer.prediction(raw, thresholds(numClasses()));
  }

  private double[] thresholds(int classes) {
    if (!isDefined(thresholds())) {
      return null;
    }
    double[] t = getThresholds();
    if (t.length != classes) {
      throw new IllegalArgumentException("setting thresholds has " + t.length + " values but"
          + " the model has " + classes + " classes: " + Arrays.toString(t));
    }
    return t;
  }

  /** Checks the features column and returns the schema with the prediction columns added. */
  @Override
  public StructType transformSchema(StructType schema) {
    Columns.requireFeatures(schema, getFeaturesCol(), numFeatures());
    return outputSchema(schema, getRawPredictionCol(), getProbabilityCol(), getPredictionCol(),
        numClasses(), thresholds(numClasses()));
  }

  /** {@code schema} with rawPrediction, probability and prediction (those named) appended. */
  static StructType outputSchema(StructType schema, String rawCol, String probabilityCol,
      String predictionCol, int classes, double[] thresholds) {
    if (thresholds != null && thresholds.length != classes) {
      throw new IllegalArgumentException("setting thresholds has " + thresholds.length
          + " values but the model has " + classes + " classes: " + Arrays.toString(thresholds));
    }
    StructType out = schema;
    if (!rawCol.isEmpty()) {
      out = Columns.append(out, rawCol, Columns.vectorType(),
          Columns.vectorMetadata(rawCol, classes));
    }
    if (!probabilityCol.isEmpty()) {
      out = Columns.append(out, probabilityCol, Columns.vectorType(),
          Columns.vectorMetadata(probabilityCol, classes));
    }
    if (!predictionCol.isEmpty()) {
      out = Columns.append(out, predictionCol, DataTypes.DoubleType,
          NominalAttribute.defaultAttr().withName(predictionCol).withNumValues(classes)
              .toMetadata());
    }
    return out;
  }

  /**
   * Appends the prediction columns, computed on the executors in chunks; works on batch and
   * streaming DataFrames.
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema(), true);
    Scorer.Outputs wanted = new Scorer.Outputs(!getRawPredictionCol().isEmpty(),
        !getProbabilityCol().isEmpty(), !getPredictionCol().isEmpty(),
        thresholds(numClasses()));
    if (!wanted.raw() && !wanted.probability() && !wanted.prediction()) {
      return dataset.toDF();
    }
    return scorer.transform(dataset.toDF(), out,
        dataset.schema().fieldIndex(getFeaturesCol()), getFeaturesCol(), wanted);
  }

  @Override
  public NeuralNetClassificationModel copy(ParamMap extra) {
    NeuralNetClassificationModel copy = new NeuralNetClassificationModel(uid(), scorer);
    copyValues(copy, extra);
    copy.trainingSummary = trainingSummary;
    return copy.setParent(parent());
  }

  /**
   * This model with its probability and prediction column names (used by MLlib's summaries).
   * Declared with a raw type: Java sees the two inherited Scala signatures, whose generic return
   * types differ, as a clash that only an override resolves.
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public scala.Tuple3 findSummaryModel() {
    return new scala.Tuple3(this, getProbabilityCol(), getPredictionCol());
  }

  /**
   * Spark ML's layout by default; {@code write().format("onnx").save(path)} writes a standard
   * ONNX file instead (docs/onnx.md).
   */
  @Override
  public GeneralMLWriter write() {
    return new ModelWriter(this, scorer);
  }

  public static MLReader<NeuralNetClassificationModel> read() {
    return new Reader();
  }

  public static NeuralNetClassificationModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "NeuralNetClassificationModel: uid=" + uid() + ", network=" + scorer.spec()
        + ", numClasses=" + numClasses() + ", numFeatures=" + numFeatures();
  }

  private static final class Reader extends MLReader<NeuralNetClassificationModel> {
    @Override
    public NeuralNetClassificationModel load(String path) {
      ModelIO.Loaded loaded = ModelIO.load(path, sparkSession(),
          NeuralNetClassificationModel.class.getName());
      NeuralNetClassificationModel model = new NeuralNetClassificationModel(
          loaded.metadata().uid(), loaded.scorer());
      ModelIO.setParams(loaded, model);
      return model;
    }
  }
}
