package org.sparkprop.train;

import java.util.ArrayList;
import java.util.List;
import org.sparkprop.optim.OptimizerState;

/**
 * What every training loop keeps about its epochs: the history (each epoch also told to the
 * listener), the last loss for tol, early stopping on the validation loss, the elapsed time, and
 * at the end the best weights (with their network state) in place of the last.
 */
final class EpochBookkeeping {

  private final TrainingConfig config;
  private final TrainingListener listener;
  private final GradientSource source;
  private final EarlyStopping early;
  private final List<EpochStats> history = new ArrayList<>();
  private final long start = System.nanoTime();
  private double previousLoss = Double.NaN;

  /** {@code validation} may be null: no early stopping. */
  EpochBookkeeping(TrainingConfig config, TrainingListener listener, GradientSource source,
      Evaluator validation) {
    this.config = config;
    this.listener = listener;
    this.source = source;
    this.early = validation != null && config.patience() > 0
        ? new EarlyStopping(config.patience()) : null;
  }

  /** Takes up the history, last loss and early-stopping best of a saved state. */
  void restore(TrainingState saved) {
    history.addAll(saved.history());
    previousLoss = saved.previousLoss();
    if (early != null && saved.bestEpoch() > 0) {
      early.restore(saved.bestEpoch(), saved.bestLoss(), saved.bestTheta(),
          saved.bestNetworkState());
    }
  }

  /** When the loop started, as {@link System#nanoTime}. */
  long start() {
    return start;
  }

  /** The mean loss of the last finished epoch (NaN before the first). */
  double previousLoss() {
    return previousLoss;
  }

  /** Adds an epoch's figures to the history and tells the listener. */
  void record(EpochStats stats, float[] theta) {
    history.add(stats);
    listener.onEpoch(stats, theta);
  }

  /**
   * After epoch {@code stats} (already recorded) at weights {@code theta}: whether to stop early
   * (the validation loss has not improved for patience epochs) or because the loss changed by at
   * most tol; null to go on. Remembers the epoch's loss.
   */
  StopReason stopAfter(EpochStats stats, float[] theta) {
    boolean stopEarly = early != null
        && early.stop(stats.epoch(), stats.validationLoss(), theta, source.networkState());
    boolean converged = config.tol() > 0 && stats.epoch() > 1
        && Math.abs(previousLoss - stats.loss()) <= config.tol() * Math.abs(previousLoss);
    previousLoss = stats.loss();
    return stopEarly ? StopReason.EARLY_STOPPING : converged ? StopReason.TOLERANCE : null;
  }

  /** The loop's state after {@code epochs} epochs and {@code progress} of the next. */
  TrainingState state(int epochs, long updates, float[] theta, OptimizerState optimizer,
      EpochProgress progress) {
    return new TrainingState(epochs, updates, theta, optimizer.arrays(), optimizer.step(),
        previousLoss, early == null ? 0 : early.bestEpoch(),
        early == null ? Double.NaN : early.best(), early == null ? null : early.bestTheta(),
        early == null ? null : early.bestNetworkState(), List.copyOf(history), progress);
  }

  /**
   * The weights to return: the early-stopping best, whose network state is put back into the
   * source, else {@code theta}.
   */
  float[] finalTheta(float[] theta) {
    if (early != null && early.bestTheta() != null) {
      if (early.bestNetworkState() != null) {
        // Θ of the best epoch with the running statistics of that epoch, not of the last one.
        source.restoreNetworkState(early.bestNetworkState());
      }
      return early.bestTheta();
    }
    return theta;
  }

  /** The result with {@code theta} from {@link #finalTheta}. */
  TrainingResult result(float[] theta, StopReason reason, long updates, Divergence divergence) {
    int bestEpoch = early != null && early.bestTheta() != null ? early.bestEpoch() : 0;
    return new TrainingResult(theta, List.copyOf(history), reason, updates,
        (System.nanoTime() - start) / 1e9, bestEpoch, divergence);
  }
}
