package org.sparkprop.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkprop.nn.Network;
import org.sparkprop.tensor.RowMajor;
import org.sparkprop.train.Samples;
import org.sparkprop.train.ShardWorker;

/**
 * Quality figures of a trained network on a data set: accuracy, per-class precision, recall and
 * F1 and the confusion matrix for a classifier; RMSE, MAE and R² for a regression.
 */
public final class Metrics {

  private Metrics() {}

  /** The figures, as a JSON-ready map. */
  public static Map<String, Object> of(Network network, float[] theta, Samples data) {
    float[] outputs = outputs(network, theta, data);
    return network.spec().classifies() ? classification(outputs, data)
        : regression(outputs, data);
  }

  /** s^L for every row of {@code data}, row-major. */
  static float[] outputs(Network network, float[] theta, Samples data) {
    int out = data.outputs();
    float[] all = new float[data.rows() * out];
    ShardWorker worker = new ShardWorker(network);
    worker.forEachOutput(theta, data, (from, n, s) -> System.arraycopy(s, 0, all, from * out, n * out));
    return all;
  }

  /** The predicted class of row n from its outputs (argmax, or s ≥ ½ for one sigmoid unit). */
  static int predicted(float[] outputs, int n, int c) {
    return c == 1 ? (outputs[n] >= 0.5f ? 1 : 0) : RowMajor.argmax(outputs, n * c, c);
  }

  private static Map<String, Object> classification(float[] outputs, Samples data) {
    int c = data.outputs();
    int classes = Math.max(2, c);
    long[][] confusion = new long[classes][classes];
    for (int n = 0; n < data.rows(); n++) {
      int truth = c == 1 ? (data.t()[n] >= 0.5f ? 1 : 0) : data.label(n);
      confusion[truth][predicted(outputs, n, c)]++;
    }
    long correct = 0;
    Map<String, Object> perClass = new LinkedHashMap<>();
    for (int k = 0; k < classes; k++) {
      correct += confusion[k][k];
      long predicted = 0;
      long actual = 0;
      for (int j = 0; j < classes; j++) {
        predicted += confusion[j][k];
        actual += confusion[k][j];
      }
      double precision = predicted == 0 ? 0 : (double) confusion[k][k] / predicted;
      double recall = actual == 0 ? 0 : (double) confusion[k][k] / actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("precision", precision);
      m.put("recall", recall);
      m.put("f1", f1);
      m.put("support", actual);
      perClass.put(Integer.toString(k), m);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rows", data.rows());
    result.put("accuracy", data.rows() == 0 ? null : (double) correct / data.rows());
    result.put("per_class", perClass);
    result.put("confusion_matrix", confusion);
    return result;
  }

  private static Map<String, Object> regression(float[] outputs, Samples data) {
    double sq = 0;
    double abs = 0;
    double mean = 0;
    int total = data.rows() * data.outputs();
    for (int i = 0; i < total; i++) {
      mean += data.t()[i];
    }
    mean /= Math.max(1, total);
    double ssTot = 0;
    for (int i = 0; i < total; i++) {
      double d = data.t()[i] - outputs[i];
      sq += d * d;
      abs += Math.abs(d);
      ssTot += (data.t()[i] - mean) * (data.t()[i] - mean);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rows", data.rows());
    result.put("rmse", Math.sqrt(sq / Math.max(1, total)));
    result.put("mae", abs / Math.max(1, total));
    result.put("r2", ssTot == 0 ? null : 1 - sq / ssTot);
    return result;
  }
}
