package org.sparkprop.report;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkprop.spark.RowSample;
import org.sparkprop.train.EpochStats;

/**
 * Everything a run report draws, all of a fixed size but the per-epoch history: whether the
 * model classifies and its number of outputs M_L, the learning
 * curves and the learning rate ρ of every epoch, the best epoch (0: none) and the stop reason;
 * the final model on the set {@code evaluatedOn} (test, validation or training; empty: none):
 * its confusion counts (classifiers; null otherwise) and a row sample, both from the executors;
 * the decision plane of a two-input classifier (null otherwise); the per-update compute/Spark
 * split when it was measured (else empty); the settings, the model summary and the run's
 * figures (as text).
 */
public record ReportData(String title, boolean classifies, int outputs,
    List<EpochStats> history,
    double[] learningRates, int bestEpoch, String stopReason, List<String> classNames,
    String evaluatedOn, long[][] confusion, RowSample sample, DecisionPlane plane,
    List<UpdateSplit> updateSplit, Map<String, String> settings, String modelSummary,
    Map<String, String> figures) implements Serializable {

  private static final long serialVersionUID = 1L;

  public ReportData {
    history = List.copyOf(history);
    classNames = List.copyOf(classNames);
    updateSplit = List.copyOf(updateSplit);
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    if (learningRates.length != history.size()) {
      throw new IllegalArgumentException("a report of " + history.size() + " epochs has "
          + learningRates.length + " learning rates; it needs one per epoch");
    }
  }

  /** The name of class {@code k}: its class name, or its index. */
  public String className(int k) {
    return k < classNames.size() ? classNames.get(k) : Integer.toString(k);
  }
}
