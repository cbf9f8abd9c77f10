package org.sparkprop.fit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.QuantizedForward;
import org.sparkprop.tensor.RowMajor;

/**
 * A model's outputs for every row of a data set, computed where the rows are: each partition
 * runs the forward pass over chunks of its rows and emits them with every column of the input
 * but the features (keys, labels, row indices pass through), then {@code prediction} (the class,
 * or the first output of a regression) and the outputs s^L: an {@code outputs} array column, or
 * one {@code output_j} column each (for CSV, which has no arrays).
 */
public final class Predictions {

  /** Rows per forward pass. */
  static final int CHUNK_ROWS = 512;

  private Predictions() {}

  /**
   * The predictions of {@code network} at Θ for {@code df}, whose {@code featuresCol} holds the
   * inputs; lazy, like any DataFrame.
   */
  public static Dataset<Row> of(Dataset<Row> df, String featuresCol, Network network,
      Broadcast<float[]> theta, boolean flatOutputs) {
    return of(df, featuresCol, network, theta, null, flatOutputs);
  }

  /**
   * The predictions of {@code network} with quantized weights for {@code df}: the executors
   * read the quantized values ({@link QuantizedForward}).
   */
  public static Dataset<Row> ofQuantized(Dataset<Row> df, String featuresCol, Network network,
      Broadcast<QuantizedForward> quantized, boolean flatOutputs) {
    return of(df, featuresCol, network, null, quantized, flatOutputs);
  }

  private static Dataset<Row> of(Dataset<Row> df, String featuresCol, Network network,
      Broadcast<float[]> theta, Broadcast<QuantizedForward> quantized, boolean flatOutputs) {
    int outputs = network.spec().size(network.spec().depth());
    List<StructField> fields = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (!f.name().equals(featuresCol)) {
        fields.add(f);
      }
    }
    fields.add(DataTypes.createStructField("prediction", DataTypes.DoubleType, false));
    if (flatOutputs) {
      for (int j = 0; j < outputs; j++) {
        fields.add(DataTypes.createStructField("output_" + j, DataTypes.DoubleType, false));
      }
    } else {
      fields.add(DataTypes.createStructField("outputs",
          DataTypes.createArrayType(DataTypes.DoubleType, false), false));
    }
    StructType schema = new StructType(fields.toArray(StructField[]::new));
    int featuresAt = df.schema().fieldIndex(featuresCol);
    return df.mapPartitions(new Score(network, theta, quantized, featuresAt, featuresCol,
        flatOutputs),
        Encoders.row(schema));
  }

  /** The predicted class of a row's outputs (argmax, or s ≥ ½ for one sigmoid unit). */
  static int predictedClass(float[] s, int off, int c) {
    return c == 1 ? (s[off] >= 0.5f ? 1 : 0) : RowMajor.argmax(s, off, c);
  }

  /** The forward pass over one partition, in chunks. */
  private static final class Score implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Network network;
    private final Broadcast<float[]> theta;
    private final Broadcast<QuantizedForward> quantized;
    private final int featuresAt;
    private final String featuresCol;
    private final boolean flat;

    Score(Network network, Broadcast<float[]> theta, Broadcast<QuantizedForward> quantized,
        int featuresAt, String featuresCol, boolean flat) {
      this.network = network;
      this.theta = theta;
      this.quantized = quantized;
      this.featuresAt = featuresAt;
      this.featuresCol = featuresCol;
      this.flat = flat;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      int c = network.spec().size(network.spec().depth());
      boolean classifies = network.spec().classifies();
      float[] weights = theta == null ? null : theta.value();
      QuantizedForward q = quantized == null ? null : quantized.value();
      return new Iterator<>() {
        private final List<Row> chunk = new ArrayList<>(CHUNK_ROWS);
        private final FeatureChunk features = new FeatureChunk(network, q == null);
        private final org.sparkprop.nn.Workspace ws = network.newWorkspace(CHUNK_ROWS);
        private float[] s = new float[0];
        private int next;

        @Override
        public boolean hasNext() {
          if (next < chunk.size()) {
            return true;
          }
          chunk.clear();
          next = 0;
          while (chunk.size() < CHUNK_ROWS && input.hasNext()) {
            chunk.add(input.next());
          }
          if (chunk.isEmpty()) {
            return false;
          }
          int n = chunk.size();
          features.load(r -> chunk.get(r).get(featuresAt), n, featuresCol);
          float[] out = q == null ? features.forward(weights, ws) : features.forward(q, ws);
          s = java.util.Arrays.copyOf(out, n * c);
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          int r = next;
          Row row = chunk.get(next++);
          List<Object> values = new ArrayList<>(row.size() + 1 + c);
          for (int i = 0; i < row.size(); i++) {
            if (i != featuresAt) {
              values.add(row.get(i));
            }
          }
          values.add(classifies ? (double) predictedClass(s, r * c, c) : (double) s[r * c]);
          if (flat) {
            for (int j = 0; j < c; j++) {
              values.add((double) s[r * c + j]);
            }
          } else {
            double[] outs = new double[c];
            for (int j = 0; j < c; j++) {
              outs[j] = s[r * c + j];
            }
            values.add(outs);
          }
          return RowFactory.create(values.toArray());
        }
      };
    }
  }
}
