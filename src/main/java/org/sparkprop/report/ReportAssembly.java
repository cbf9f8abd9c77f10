package org.sparkprop.report;

import java.util.List;
import java.util.Map;
import org.sparkprop.nn.Network;
import org.sparkprop.optim.Schedule;
import org.sparkprop.spark.RowSample;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.MetricSums;
import org.sparkprop.train.Settings;
import org.sparkprop.train.TrainingResult;

/**
 * Gathers a fit's {@link ReportData} on the driver: the history and stop of its
 * {@link TrainingResult}, ρ per epoch from the schedule, the confusion counts of the
 * executors' {@link MetricSums}, the executors' row sample and, for a two-input classifier, the
 * decision plane scored here with the model.
 */
public final class ReportAssembly {

  /** Rows of the sample drawn on the executors for a report. */
  public static final int SAMPLE_ROWS = 2000;

  private ReportAssembly() {}

  /**
   * The report data of a fit.
   *
   * @param evaluatedOn the set {@code metrics} and {@code sample} come from (empty: none)
   * @param metrics the final model's sums on that set, or null
   * @param sample rows of that set with the final model's outputs, or null
   * @param split the per-update compute/Spark split, empty when not measured
   * @param figures the run's figures as text (may be empty)
   */
  public static ReportData of(String title, TrainingResult result, JobConfig config,
      Settings settings, Network network, List<String> classNames, String evaluatedOn,
      MetricSums metrics, RowSample sample, List<UpdateSplit> split,
      Map<String, String> figures) {
    boolean classifies = network.spec().classifies();
    long[][] confusion = null;
    if (classifies && metrics != null && metrics.rows() > 0) {
      confusion = (long[][]) metrics.figures().get("confusion_matrix");
    }
    DecisionPlane plane = classifies && sample != null && sample.x().length > 0
        && result.divergence() == null
        ? DecisionPlane.score(network, result.theta(), sample) : null;
    return new ReportData(title, classifies,
        network.spec().size(network.spec().depth()), result.history(),
        learningRates(config, settings, result.epochs()), result.bestEpoch(),
        result.stopReason().label(), classNames, evaluatedOn, confusion, sample, plane, split,
        settings.values(), network.summary(), figures);
  }

  /**
   * ρ in the middle of every epoch: stepSize times the schedule's factor; zeros when the step
   * size is not a number (auto: the optimizer's own, or L-BFGS's line search).
   */
  static double[] learningRates(JobConfig config, Settings settings, int epochs) {
    double[] rates = new double[epochs];
    double step = config.lbfgs() != null ? Double.NaN : settings.getDouble("stepSize");
    if (!Double.isFinite(step)) {
      return rates;
    }
    Schedule schedule = config.training().schedule();
    for (int e = 0; e < epochs; e++) {
      rates[e] = step * schedule.factor(e, 0.5);
    }
    return rates;
  }
}
