package org.sparkprop.ml;

import java.util.NoSuchElementException;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.GeneralMLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.fit.Columns;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.nn.ThetaLayout;

/**
 * A trained regression network: {@code transform} appends {@code prediction}, a double for one
 * output or a vector for several, computed on the executors in chunks (batch and streaming
 * DataFrames alike). {@link #predict(Vector)} gives the single output of one row and
 * {@link #predictVector(Vector)} all of them. Persistence as {@link NeuralNetClassificationModel}.
 */
public final class NeuralNetRegressionModel
    extends RegressionModel<Vector, NeuralNetRegressionModel> implements MLWritable {

  private static final long serialVersionUID = 1L;

  /** Assigned while the superclass constructor runs (no initializer on purpose). */
  private String uid;
  /** The network, Θ and its state (checked against each other), and the forward pass. */
  private final Scorer scorer;
  private final transient NeuralNetTrainingSummary summary;

  /**
   * A model of a trained network with a linear output, e.g. one that the command line wrote
   * ({@code ModelFile.read}).
   *
   * @param theta Θ in the layout of {@link ThetaLayout} (copied)
   */
  public NeuralNetRegressionModel(String uid, NetworkSpec spec, float[] theta) {
    this(Uids.stash(uid), new Scorer(spec, theta, new Network(spec).state().values()), null);
  }

  /**
   * A model of a trained network with its non-trainable state (input standardization, batch-norm
   * running statistics), e.g. {@code ModelFile.read(dir)}'s network and Θ.
   */
  public NeuralNetRegressionModel(String uid, Network network, float[] theta) {
    this(Uids.stash(uid), new Scorer(network.spec(), theta, network.state().values()), null);
  }

  NeuralNetRegressionModel(String uid, NetworkSpec spec, float[] theta, float[] state,
      NeuralNetTrainingSummary summary) {
    this(Uids.stash(uid), new Scorer(spec, theta, state), summary);
  }

  NeuralNetRegressionModel(String uid, Scorer scorer, NeuralNetTrainingSummary summary) {
    this(Uids.stash(uid), scorer, summary);
  }

  private NeuralNetRegressionModel(Uids.Token token, Scorer scorer,
      NeuralNetTrainingSummary summary) {
    super();
    uid();
    Uids.done();
    NetworkSpec spec = scorer.spec();
    if (spec.classifies()) {
      throw new IllegalArgumentException("network " + spec + " has a " + spec.output().name()
          + " output: it is a classifier, use NeuralNetClassificationModel");
    }
    this.scorer = scorer;
    this.summary = summary;
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = Uids.take();
    }
    return uid;
  }

  public NetworkSpec network() {
    return scorer.spec();
  }

  public int[] getLayers() {
    return scorer.spec().sizes();
  }

  /** Θ, a copy (float32; dequantized when quantized). */
  public float[] theta() {
    return scorer.theta();
  }

  /**
   * This model with its connection weights quantized after training (docs/quantization.md):
   * {@code "int8"} or {@code "float16"}, as
   * {@link NeuralNetClassificationModel#quantize(String)}.
   */
  public NeuralNetRegressionModel quantize(String type) {
    NeuralNetRegressionModel q = new NeuralNetRegressionModel(uid(),
        scorer.quantize(QuantizedType.parse(type, "quantize(type)")), summary);
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

  public Vector weights() {
    return scorer.weights();
  }

  @Override
  public int numFeatures() {
    return scorer.inputs();
  }

  /** The number of outputs (targets per row). */
  public int numOutputs() {
    return scorer.outputs();
  }

  public boolean hasSummary() {
    return summary != null;
  }

  public NeuralNetTrainingSummary summary() {
    if (summary == null) {
      throw new NoSuchElementException("no training summary for model " + uid()
          + ": only a model returned by fit has one (summaries are not saved)");
    }
    return summary;
  }
  /**
   * The figures of this one-output model on {@code dataset}, as Spark's regression summaries
   * name them (MSE, RMSE, MAE, r², explained variance), every row of weight 1.
   */
  public NeuralNetRegressionSummary evaluate(Dataset<?> dataset) {
    if (network().size(network().depth()) != 1) {
      throw new IllegalArgumentException("evaluate needs a one-output regression; this model"
          + " has " + network().size(network().depth()) + " outputs");
    }
    return new NeuralNetRegressionSummary(transform(dataset), getPredictionCol(), getLabelCol(),
        "");
  }


  /** The prediction of one row; for a multi-output model use {@link #predictVector}. */
  @Override
  public double predict(Vector features) {
    if (numOutputs() != 1) {
      throw new IllegalStateException("this model has " + numOutputs() + " outputs: use"
          + " predictVector");
    }
    return scorer.forwardOne(features, getFeaturesCol())[0];
  }

  /** Every output of one row. */
  public Vector predictVector(Vector features) {
    return scorer.outputsVector(scorer.forwardOne(features, getFeaturesCol()));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Columns.requireFeatures(schema, getFeaturesCol(), numFeatures());
    return outputSchema(schema, getPredictionCol(), numOutputs());
  }

  static StructType outputSchema(StructType schema, String predictionCol, int outputs) {
    if (predictionCol.isEmpty()) {
      return schema;
    }
    return outputs == 1
        ? Columns.append(schema, predictionCol, DataTypes.DoubleType, Metadata.empty())
        : Columns.append(schema, predictionCol, Columns.vectorType(),
            Columns.vectorMetadata(predictionCol, outputs));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema(), true);
    if (getPredictionCol().isEmpty()) {
      return dataset.toDF();
    }
    return scorer.transform(dataset.toDF(), out, dataset.schema().fieldIndex(getFeaturesCol()),
        getFeaturesCol(), null);
  }

  @Override
  public NeuralNetRegressionModel copy(ParamMap extra) {
    NeuralNetRegressionModel copy = new NeuralNetRegressionModel(uid(), scorer, summary);
    copyValues(copy, extra);
    return copy.setParent(parent());
  }

  /**
   * Spark ML's layout by default; {@code write().format("onnx").save(path)} writes a standard
   * ONNX file instead (docs/onnx.md).
   */
  @Override
  public GeneralMLWriter write() {
    return new ModelWriter(this, scorer);
  }

  public static MLReader<NeuralNetRegressionModel> read() {
    return new Reader();
  }

  public static NeuralNetRegressionModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "NeuralNetRegressionModel: uid=" + uid() + ", network=" + scorer.spec() + ", numOutputs="
        + numOutputs() + ", numFeatures=" + numFeatures();
  }

  private static final class Reader extends MLReader<NeuralNetRegressionModel> {
    @Override
    public NeuralNetRegressionModel load(String path) {
      ModelIO.Loaded loaded = ModelIO.load(path, sparkSession(),
          NeuralNetRegressionModel.class.getName());
      NeuralNetRegressionModel model = new NeuralNetRegressionModel(
          loaded.metadata().uid(), loaded.scorer(), null);
      ModelIO.setParams(loaded, model);
      return model;
    }
  }
}
