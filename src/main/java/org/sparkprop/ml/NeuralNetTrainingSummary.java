package org.sparkprop.ml;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkprop.report.ReportData;
import org.sparkprop.report.RunReport;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.TrainingResult;

/**
 * How a fit went: the objective history (MLlib's {@code objectiveHistory}: the loss at the
 * initial weights, then the mean training loss of each epoch, penalties included; one entry per
 * L-BFGS iteration), the stop
 * reason, validation figures, and the effective settings of the job. Not saved with the model,
 * as in MLlib: a loaded model has no summary.
 */
public class NeuralNetTrainingSummary implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] objectiveHistory;
  private final double[] accuracyHistory;
  private final double[] validationLossHistory;
  private final double[] validationAccuracyHistory;
  private final String stopReason;
  private final String divergence;
  private final int bestEpoch;
  private final long updates;
  private final double seconds;
  private final long trainingRows;
  private final long validationRows;
  private final int partitions;
  private final String solver;
  private final Map<String, String> settings;
  private final ReportData report;

  /**
   * The summary of a fit.
   *
   * @param startLoss the mean training loss at the initial Θ (NaN when resumed from a
   *     checkpoint: then the history starts with the first epoch run)
   * @param report what the fit's report is drawn from
   */
  NeuralNetTrainingSummary(double startLoss, TrainingResult result, long trainingRows,
      long validationRows, int partitions, String solver, Map<String, String> settings,
      ReportData report) {
    List<EpochStats> history = result.history();
    int n = history.size();
    int first = Double.isNaN(startLoss) ? 0 : 1;
    objectiveHistory = new double[first + n];
    if (first == 1) {
      objectiveHistory[0] = startLoss;
    }
    accuracyHistory = new double[n];
    validationLossHistory = new double[n];
    validationAccuracyHistory = new double[n];
    for (int e = 0; e < n; e++) {
      EpochStats s = history.get(e);
      objectiveHistory[first + e] = s.loss();
      accuracyHistory[e] = s.accuracy();
      validationLossHistory[e] = s.validationLoss();
      validationAccuracyHistory[e] = s.validationAccuracy();
    }
    this.stopReason = result.stopReason().label();
    this.divergence = result.divergence() == null ? null : result.divergence().message();
    this.bestEpoch = result.bestEpoch();
    this.updates = result.updates();
    this.seconds = result.seconds();
    this.trainingRows = trainingRows;
    this.validationRows = validationRows;
    this.partitions = partitions;
    this.solver = solver;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    this.report = report;
  }

  private NeuralNetTrainingSummary(double startLoss, long trainingRows, int partitions,
      String solver, Map<String, String> settings) {
    objectiveHistory = new double[] {startLoss};
    accuracyHistory = new double[0];
    validationLossHistory = new double[0];
    validationAccuracyHistory = new double[0];
    this.stopReason = "epochs";
    this.divergence = null;
    this.bestEpoch = 0;
    this.updates = 0;
    this.seconds = 0;
    this.trainingRows = trainingRows;
    this.validationRows = 0;
    this.partitions = partitions;
    this.solver = solver;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    this.report = null;
  }

  /** A copy of {@code fit}, for a summary that adds metrics to it. */
  NeuralNetTrainingSummary(NeuralNetTrainingSummary fit) {
    this.objectiveHistory = fit.objectiveHistory;
    this.accuracyHistory = fit.accuracyHistory;
    this.validationLossHistory = fit.validationLossHistory;
    this.validationAccuracyHistory = fit.validationAccuracyHistory;
    this.stopReason = fit.stopReason;
    this.divergence = fit.divergence;
    this.bestEpoch = fit.bestEpoch;
    this.updates = fit.updates;
    this.seconds = fit.seconds;
    this.trainingRows = fit.trainingRows;
    this.validationRows = fit.validationRows;
    this.partitions = fit.partitions;
    this.solver = fit.solver;
    this.settings = fit.settings;
    this.report = fit.report;
  }

  /** The summary of a fit with no iteration (MLlib's maxIter 0): the starting loss alone. */
  static NeuralNetTrainingSummary untrained(double startLoss, long trainingRows, int partitions,
      String solver, Map<String, String> settings) {
    return new NeuralNetTrainingSummary(startLoss, trainingRows, partitions, solver, settings);
  }

  /**
   * MLlib's objective history: the mean training loss at the initial Θ, then the mean training
   * objective of every epoch (L-BFGS and gd: every iteration), in order.
   */
  public double[] objectiveHistory() {
    return objectiveHistory.clone();
  }

  /** The number of iterations (epochs) run: the history without its start, as MLlib's. */
  public int totalIterations() {
    return objectiveHistory.length - 1;
  }

  /**
   * Why training stopped: {@code epochs} (maxIter reached), {@code tolerance}, {@code
   * early_stopping}, {@code converged}, {@code line_search_failed} or {@code diverged}.
   */
  public String stopReason() {
    return stopReason;
  }

  /**
   * Where and how training diverged (stop reason {@code diverged}), with the usual remedies; null
   * when it did not. A diverged fit still returns its model, so that model selection can rank it.
   */
  public String divergence() {
    return divergence;
  }

  /** The running training accuracy of every epoch run (NaN for regression). */
  public double[] accuracyHistory() {
    return accuracyHistory.clone();
  }

  /** The validation loss after every epoch (NaN without validationFraction). */
  public double[] validationLossHistory() {
    return validationLossHistory.clone();
  }

  /** The validation accuracy after every epoch (NaN without validation or for regression). */
  public double[] validationAccuracyHistory() {
    return validationAccuracyHistory.clone();
  }

  /** With early stopping, the epoch whose weights the model has; else 0. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** Weight updates made (L-BFGS: loss and gradient evaluations). */
  public long updates() {
    return updates;
  }

  /** Wall-clock seconds of the training loop. */
  public double seconds() {
    return seconds;
  }

  /** Rows trained on (after holding out the validation rows). */
  public long trainingRows() {
    return trainingRows;
  }

  /** Rows held out for validation. */
  public long validationRows() {
    return validationRows;
  }

  /** Data partitions (shards) the gradients were computed on. */
  public int partitions() {
    return partitions;
  }

  /** The optimizer with every hyperparameter, as the command line prints it. */
  public String solver() {
    return solver;
  }

  /** Every effective job setting under its command-line name (as in summary.json). */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * Writes the fit's report into the local directory {@code directory} (created if needed):
   * {@code report.html}, one self-contained page (learning curves, confusion matrix or
   * predicted-vs-true of the validation rows, decision regions for two inputs, throughput,
   * settings, model), and {@code report-data.json}, what it was drawn from. Returns the path of
   * report.html.
   */
  public String writeReport(String directory) throws IOException {
    if (report == null) {
      throw new IllegalStateException("a fit of maxIter 0 trained nothing and has no report");
    }
    return RunReport.write(report, Path.of(directory)).toString();
  }

  @Override
  public String toString() {
    return "NeuralNetTrainingSummary(" + totalIterations() + " iterations, stop " + stopReason
        + ", final objective " + (objectiveHistory.length == 0 ? "n/a"
        : objectiveHistory[objectiveHistory.length - 1]) + ", " + solver + ")";
  }
}
