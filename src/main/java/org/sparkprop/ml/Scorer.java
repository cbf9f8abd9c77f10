package org.sparkprop.ml;

import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.fit.Columns;
import org.sparkprop.fit.FeatureChunk;
import org.sparkprop.nn.Linear;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.SquaredError;
import org.sparkprop.nn.QuantizedForward;
import org.sparkprop.nn.QuantizedTheta;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.nn.ThetaLayout;
import org.sparkprop.nn.Workspace;

/**
 * The forward pass of a trained network for prediction: what a model ships to its tasks
 * (spec and Θ only, never the model), and the one place where raw scores, probabilities and
 * predictions are computed, so that {@code transform} and {@code predict(Vector)} agree.
 *
 * <p>{@code transform} runs it over each partition in chunks of {@link #CHUNK_ROWS} rows, one
 * gemm per layer and chunk, without collecting anything to the driver: it works alike on batch
 * and streaming DataFrames.
 *
 * <p>For a classifier the network is run with a linear output layer, giving the logits φ^L as
 * the raw prediction (as MLlib's perceptron does); the probabilities are then softmax(φ^L) for a
 * softmax output, σ(φ^L) normalized to sum 1 for several sigmoid outputs, and (1 − σ, σ) for a
 * single sigmoid output, whose raw prediction is (−φ, φ).
 */
final class Scorer implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Rows per forward call in {@code transform}. */
  static final int CHUNK_ROWS = 512;

  enum Kind { SOFTMAX, SIGMOID, REGRESSION }

  private final NetworkSpec trained;
  private final NetworkSpec forwardSpec;
  /** Θ of a float32 model; null for a quantized one. */
  private final float[] theta;
  /** The weights of a quantized model; null for a float32 one. */
  private final QuantizedTheta quantized;
  private final float[] state;
  private final Kind kind;
  private final int inputs;
  private final int outputs;
  private transient Network network;
  private transient QuantizedForward quantizedForward;

  /**
   * Checks Θ and the state against the network and keeps copies of them: a model's weights live
   * here, and the model reads them back through {@link #theta()}, {@link #state()}.
   *
   * @param theta Θ in the layout of {@link ThetaLayout}
   * @param state the network's non-trainable state (standardization, batch-norm running
   *     statistics), {@code NetworkState.values()} of the trained network
   */
  Scorer(NetworkSpec trained, float[] theta, float[] state) {
    this(trained, theta, null, state);
  }

  /**
   * A scorer of a quantized model: the forward pass reads {@code quantized}'s weights
   * ({@link QuantizedForward}), and the tasks receive them, not a float32 Θ.
   */
  Scorer(NetworkSpec trained, QuantizedTheta quantized, float[] state) {
    this(trained, null, quantized, state);
  }

  private Scorer(NetworkSpec trained, float[] theta, QuantizedTheta quantized, float[] state) {
    int expected = new ThetaLayout(trained).size();
    int length = theta != null ? theta.length : quantized.parameterCount();
    if (length != expected) {
      throw new IllegalArgumentException("theta has " + length + " values but network "
          + trained + " has " + expected + " parameters");
    }
    int stateSize = new Network(trained).state().size();
    if (state.length != stateSize) {
      throw new IllegalArgumentException("state has " + state.length + " values but network "
          + trained + " keeps " + stateSize);
    }
    int[] sizes = trained.sizes();
    this.trained = trained;
    this.inputs = sizes[0];
    this.outputs = sizes[sizes.length - 1];
    this.theta = theta == null ? null : theta.clone();
    this.quantized = quantized;
    this.state = state.clone();
    if (!trained.classifies()) {
      kind = Kind.REGRESSION;
      forwardSpec = trained;
    } else {
      kind = trained.output() instanceof Softmax ? Kind.SOFTMAX : Kind.SIGMOID;
      // The same network with a linear output: its outputs are the logits φ^L. Θ and the state
      // do not depend on the output activation.
      forwardSpec = new NetworkSpec(sizes, trained.hidden(), new Linear(), new SquaredError(),
          trained.architecture());
    }
  }

  /** The network as trained (with its own output activation). */
  NetworkSpec spec() {
    return trained;
  }

  /** Θ, a copy; dequantized for a quantized model. */
  float[] theta() {
    return quantized == null ? theta.clone() : quantized.dequantize();
  }

  /** The quantized weights, or null for a float32 model. */
  QuantizedTheta quantized() {
    return quantized;
  }

  /** This network with its connection weights quantized to {@code type} after training. */
  Scorer quantize(QuantizedType type) {
    if (quantized != null) {
      throw new IllegalArgumentException("quantize(\"" + type.label() + "\"): the model is"
          + " already quantized (" + quantized.type().label() + ")");
    }
    return new Scorer(trained, QuantizedTheta.of(new ThetaLayout(trained), theta, type), state);
  }

  /** The non-trainable state, a copy. */
  float[] state() {
    return state.clone();
  }

  /** Θ as a vector of doubles, like MLlib's {@code weights}. */
  Vector weights() {
    float[] values = quantized == null ? theta : quantized.dequantize();
    double[] w = new double[values.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = values[i];
    }
    return new DenseVector(w);
  }

  int inputs() {
    return inputs;
  }

  int outputs() {
    return outputs;
  }

  /** Classes of a classifier: the outputs, or 2 for a single sigmoid output. */
  int numClasses() {
    return Math.max(2, outputs);
  }

  private Network network() {
    if (network == null) {
      Network n = new Network(forwardSpec);
      if (state.length > 0) {
        n.state().load(state);
      }
      network = n;
    }
    return network;
  }

  /** The network outputs of {@code rows} rows of x (φ^L for classifiers, s^L for regression). */
  float[] forward(float[] x, int rows, Workspace ws) {
    if (quantized != null) {
      return quantizedForward().forward(x, 0, rows, ws);
    }
    return network().forward(theta, x, 0, rows, ws);
  }

  /** A chunk of features for this scorer: sparse rows stay sparse unless the model is quantized. */
  FeatureChunk newChunk() {
    return new FeatureChunk(network(), quantized == null);
  }

  /** The network outputs of the rows loaded into {@code chunk} (made by {@link #newChunk}). */
  float[] forward(FeatureChunk chunk, Workspace ws) {
    return quantized != null ? chunk.forward(quantizedForward(), ws) : chunk.forward(theta, ws);
  }

  private QuantizedForward quantizedForward() {
    if (quantizedForward == null) {
      quantizedForward = new QuantizedForward(network(), quantized);
    }
    return quantizedForward;
  }

  Workspace newWorkspace(int rows) {
    return network().newWorkspace(rows);
  }

  /** The outputs of one row of features (a vector or an array). */
  float[] forwardOne(Object features, String col) {
    if (features instanceof org.apache.spark.ml.linalg.SparseVector) {
      FeatureChunk one = newChunk();
      one.load(r -> features, 1, col);
      return java.util.Arrays.copyOf(forward(one, newWorkspace(1)), outputs);
    }
    float[] x = new float[inputs];
    Columns.features(features, col, inputs, x, 0, true);
    float[] out = forward(x, 1, newWorkspace(1));
    return java.util.Arrays.copyOf(out, outputs);
  }

  // ---- classification ---------------------------------------------------------------------

  /** The raw prediction of row r of the outputs. */
  double[] raw(float[] out, int r) {
    if (kind == Kind.SIGMOID && outputs == 1) {
      double phi = out[r];
      return new double[] {-phi, phi};
    }
    double[] raw = new double[outputs];
    for (int c = 0; c < outputs; c++) {
      raw[c] = out[r * outputs + c];
    }
    return raw;
  }

  /** Turns a raw prediction into class probabilities, in place. */
  void probabilityInPlace(double[] raw) {
    if (kind == Kind.SOFTMAX) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : raw) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (int c = 0; c < raw.length; c++) {
        raw[c] = Math.exp(raw[c] - max);
        sum += raw[c];
      }
      for (int c = 0; c < raw.length; c++) {
        raw[c] /= sum;
      }
    } else if (raw.length == 2 && outputs == 1) {
      double p = sigmoid(raw[1]);
      raw[0] = 1 - p;
      raw[1] = p;
    } else {
      double sum = 0;
      for (int c = 0; c < raw.length; c++) {
        raw[c] = sigmoid(raw[c]);
        sum += raw[c];
      }
      for (int c = 0; c < raw.length; c++) {
        raw[c] = sum > 0 ? raw[c] / sum : 1.0 / raw.length;
      }
    }
  }

  private static double sigmoid(double phi) {
    return 1 / (1 + Math.exp(-phi));
  }

  /**
   * The predicted class: the largest probability, or with {@code thresholds} the largest
   * p_c / t_c (MLlib's rule: at most one threshold may be 0, and that class wins unless its
   * probability is 0).
   */
  static double prediction(double[] probability, double[] thresholds) {
    int best = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < probability.length; c++) {
      double scaled = thresholds == null ? probability[c] : probability[c] / thresholds[c];
      if (scaled > max) {
        max = scaled;
        best = c;
      }
    }
    return best;
  }

  // ---- transform --------------------------------------------------------------------------

  /** Which columns a classifier's transform adds (null or empty names are skipped). */
  record Outputs(boolean raw, boolean probability, boolean prediction, double[] thresholds)
      implements Serializable {}

  /**
   * {@code data} with the prediction columns appended, as {@code outSchema} describes: for a
   * classifier rawPrediction, probability and prediction (those wanted, in that order); for a
   * regression the prediction, a double or (several outputs) a vector. The columns keep the
   * metadata {@code outSchema} gives them.
   */
  Dataset<Row> transform(Dataset<Row> data, StructType outSchema, int featureIndex,
      String featuresCol, Outputs wanted) {
    Scorer scorer = this;
    MapPartitionsFunction<Row, Row> score =
        rows -> new ScoringIterator(scorer, rows, featureIndex, featuresCol, wanted);
    Dataset<Row> scored = data.mapPartitions(score, Encoders.row(outSchema));
    // The row encoder drops field metadata: put back the appended columns' ML attributes
    // (vector sizes, the prediction's number of classes), as MLlib's transform keeps them.
    for (int i = data.schema().size(); i < outSchema.size(); i++) {
      scored = scored.withMetadata(outSchema.apply(i).name(), outSchema.apply(i).metadata());
    }
    return scored;
  }

  /** Reads a partition in chunks, runs one forward pass per chunk, yields the scored rows. */
  private static final class ScoringIterator implements Iterator<Row> {
    private final Scorer scorer;
    private final Iterator<Row> in;
    private final int featureIndex;
    private final String featuresCol;
    private final Outputs wanted;
    private final Row[] chunk = new Row[CHUNK_ROWS];
    private final FeatureChunk features;
    private final Workspace ws;
    private float[] out;
    private int size;
    private int pos;

    ScoringIterator(Scorer scorer, Iterator<Row> in, int featureIndex, String featuresCol,
        Outputs wanted) {
      this.scorer = scorer;
      this.in = in;
      this.featureIndex = featureIndex;
      this.featuresCol = featuresCol;
      this.wanted = wanted;
      this.features = scorer.newChunk();
      this.ws = scorer.newWorkspace(CHUNK_ROWS);
    }

    @Override
    public boolean hasNext() {
      if (pos < size) {
        return true;
      }
      size = 0;
      pos = 0;
      while (size < CHUNK_ROWS && in.hasNext()) {
        chunk[size++] = in.next();
      }
      if (size > 0) {
        features.load(r -> chunk[r].get(featureIndex), size, featuresCol);
        out = scorer.forward(features, ws);
      }
      return size > 0;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int r = pos++;
      Row row = chunk[r];
      chunk[r] = null;
      int n = row.length();
      Object[] values;
      if (scorer.kind == Kind.REGRESSION) {
        values = new Object[n + 1];
        values[n] = scorer.regressionPrediction(out, r);
      } else {
        int extra = (wanted.raw ? 1 : 0) + (wanted.probability ? 1 : 0) + (wanted.prediction ? 1 : 0);
        values = new Object[n + extra];
        double[] raw = scorer.raw(out, r);
        int k = n;
        if (wanted.raw) {
          values[k++] = new DenseVector(raw.clone());
        }
        double[] probability = raw;
        scorer.probabilityInPlace(probability);
        if (wanted.probability) {
          values[k++] = new DenseVector(probability.clone());
        }
        if (wanted.prediction) {
          values[k] = prediction(probability, wanted.thresholds);
        }
      }
      for (int i = 0; i < n; i++) {
        values[i] = row.get(i);
      }
      return RowFactory.create(values);
    }
  }

  // ---- regression -------------------------------------------------------------------------

  /** A double for one output, a dense vector for several. */
  Object regressionPrediction(float[] out, int r) {
    if (outputs == 1) {
      return (double) out[r];
    }
    double[] v = new double[outputs];
    for (int j = 0; j < outputs; j++) {
      v[j] = out[r * outputs + j];
    }
    return new DenseVector(v);
  }

  /** All outputs of one row as a vector. */
  Vector outputsVector(float[] out) {
    double[] v = new double[outputs];
    for (int j = 0; j < outputs; j++) {
      v[j] = out[j];
    }
    return new DenseVector(v);
  }
}
