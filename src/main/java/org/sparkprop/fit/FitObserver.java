package org.sparkprop.fit;

import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingState;

/**
 * What a caller of {@link DistributedFit} hears besides the epochs: how the data was packed, and
 * the checkpoint a run resumes from. Every method does nothing by default.
 */
public interface FitObserver extends TrainingListener {

  @Override
  default void onEpoch(org.sparkprop.train.EpochStats stats, float[] theta) {}

  /** The training (validation and test) shards are cached; the loop starts next. */
  default void packed(Packing packing) {}

  /**
   * Training has ended and the final model's figures on the training rows are measured (when
   * they were asked for); the test rows' come next.
   */
  default void trainingEvaluated() {}

  /** The run continues after {@code state}'s epochs, from the checkpoints in {@code where}. */
  default void resumed(TrainingState state, String where) {}

  /**
   * Rows of the final model's outputs to sample on the executors for a report (0, the default:
   * none); see {@link #reported}.
   */
  default int reportRows() {
    return 0;
  }

  /**
   * With {@link #reportRows} above 0 and training not diverged: the final model's figures on the
   * set a report shows ({@code set}: test when there is one, else validation, else training)
   * and a sample of at most {@code reportRows} of its rows, both computed on the executors.
   */
  default void reported(Report report) {}

  /** The note the updates' Spark job descriptions end with, or null (the default): none. */
  default org.sparkprop.spark.ProgressNote progressNote() {
    return null;
  }

  /** Where the training updates record their cost, or null (the default) for nowhere. */
  default org.sparkprop.spark.UpdateCostLog updateCosts() {
    return null;
  }

  /** What the executors measured of the final model for a report ({@link #reported}). */
  record Report(String set, org.sparkprop.train.MetricSums metrics,
      org.sparkprop.spark.RowSample sample) {}

  /**
   * How a fit's data ended up on the executors; {@code sparseInputs}: the training shards hold
   * their inputs as compressed sparse rows (data.sparse).
   */
  record Packing(int trainRows, int validationRows, int partitions, int batchSize,
      int updatesPerEpoch, String storageLevel, int cachedPartitions, int totalPartitions,
      boolean sparseInputs) {}
}
