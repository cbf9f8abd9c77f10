package org.sparkprop.train;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkprop.tensor.RowMajor;

/**
 * The additive sums behind a model's quality figures on a data set, so that shards compute them
 * where the rows are and only the sums travel: the loss sum and the row count; for a classifier
 * the confusion matrix (true class × predicted class); for a regression Σ (t − s)², Σ |t − s|,
 * Σ t and Σ t² over every output. Their size depends on the network's outputs, never on N.
 */
public final class MetricSums implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int outputs;
  private final boolean classifies;
  private final long[] confusion;
  private double loss;
  private long rows;
  private double squared;
  private double absolute;
  private double targetSum;
  private double targetSquares;

  /** Empty sums for a network with {@code outputs} outputs that classifies or not. */
  public MetricSums(int outputs, boolean classifies) {
    this.outputs = outputs;
    this.classifies = classifies;
    int classes = Math.max(2, outputs);
    this.confusion = classifies ? new long[classes * classes] : null;
  }

  /** Number of classes of the confusion matrix (2 for one sigmoid output). */
  public int classes() {
    return Math.max(2, outputs);
  }

  /**
   * Adds {@code n} rows: outputs s (row-major from 0), targets t (row-major from {@code tOff}),
   * and their summed loss.
   */
  public void add(float[] s, float[] t, int tOff, int n, double lossSum) {
    add(s, t, tOff, n, lossSum, null, 0);
  }

  /**
   * As {@link #add(float[], float[], int, int, double)}; row r has no label when
   * {@code unlabeled[uOff + r]} is set (none when {@code unlabeled} is null: rows a teacher
   * labels for distillation) and is not counted, whatever its targets hold; {@code lossSum} is
   * that of the rows with a label.
   */
  public void add(float[] s, float[] t, int tOff, int n, double lossSum, boolean[] unlabeled,
      int uOff) {
    loss += lossSum;
    int c = outputs;
    if (classifies) {
      int classes = classes();
      for (int r = 0; r < n; r++) {
        if (unlabeled != null && unlabeled[uOff + r]) {
          continue; // a row without a label (distillation)
        }
        rows++;
        int truth = c == 1 ? (t[tOff + r] >= 0.5f ? 1 : 0) : RowMajor.argmax(t, tOff + r * c, c);
        int predicted = c == 1 ? (s[r] >= 0.5f ? 1 : 0) : RowMajor.argmax(s, r * c, c);
        confusion[truth * classes + predicted]++;
      }
    } else {
      for (int r = 0; r < n; r++) {
        if (unlabeled != null && unlabeled[uOff + r]) {
          continue;
        }
        rows++;
        for (int i = r * c; i < (r + 1) * c; i++) {
          double target = t[tOff + i];
          double d = target - s[i];
          squared += d * d;
          absolute += Math.abs(d);
          targetSum += target;
          targetSquares += target * target;
        }
      }
    }
  }

  /** Adds {@code other}'s sums into these; returns this. */
  public MetricSums merge(MetricSums other) {
    if (other.outputs != outputs || other.classifies != classifies) {
      throw new IllegalArgumentException("cannot merge the sums of " + other.outputs
          + " outputs into those of " + outputs);
    }
    loss += other.loss;
    rows += other.rows;
    squared += other.squared;
    absolute += other.absolute;
    targetSum += other.targetSum;
    targetSquares += other.targetSquares;
    if (confusion != null) {
      for (int i = 0; i < confusion.length; i++) {
        confusion[i] += other.confusion[i];
      }
    }
    return this;
  }

  public long rows() {
    return rows;
  }

  /** The mean loss per row (NaN without rows). */
  public double meanLoss() {
    return rows == 0 ? Double.NaN : loss / rows;
  }

  /** The fraction of rows classified right (NaN without rows or for a regression). */
  public double accuracy() {
    if (!classifies || rows == 0) {
      return Double.NaN;
    }
    long correct = 0;
    for (int k = 0; k < classes(); k++) {
      correct += confusion[k * classes() + k];
    }
    return (double) correct / rows;
  }

  /** √(Σ (t − s)² / (N·M_L)) (NaN without rows or for a classifier). */
  public double rmse() {
    return classifies || rows == 0 ? Double.NaN : Math.sqrt(squared / ((double) rows * outputs));
  }

  /**
   * The figures as a JSON-ready map: rows, loss, and accuracy, per-class precision, recall, F1
   * and support and the confusion matrix for a classifier; RMSE, MAE and R² for a regression.
   */
  public Map<String, Object> figures() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rows", rows);
    result.put("loss", rows == 0 ? null : meanLoss());
    if (classifies) {
      int classes = classes();
      long[][] matrix = new long[classes][classes];
      Map<String, Object> perClass = new LinkedHashMap<>();
      for (int k = 0; k < classes; k++) {
        long predicted = 0;
        long actual = 0;
        for (int j = 0; j < classes; j++) {
          matrix[k][j] = confusion[k * classes + j];
          predicted += confusion[j * classes + k];
          actual += confusion[k * classes + j];
        }
        long hits = confusion[k * classes + k];
        double precision = predicted == 0 ? 0 : (double) hits / predicted;
        double recall = actual == 0 ? 0 : (double) hits / actual;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", f1);
        m.put("support", actual);
        perClass.put(Integer.toString(k), m);
      }
      result.put("accuracy", rows == 0 ? null : accuracy());
      result.put("per_class", perClass);
      result.put("confusion_matrix", matrix);
    } else {
      double total = (double) rows * outputs;
      double ssTot = targetSquares - targetSum * targetSum / Math.max(1, total);
      result.put("rmse", rows == 0 ? null : rmse());
      result.put("mae", rows == 0 ? null : absolute / total);
      result.put("r2", ssTot <= 0 ? null : 1 - squared / ssTot);
    }
    return result;
  }
}
