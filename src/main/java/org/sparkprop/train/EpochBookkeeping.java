package org.sparkprop.train;

import java.util.ArrayList;
import java.util.List;
import org.sparkprop.optim.OptimizerState;

/**
 * What every mini-batch training loop ({@link Trainer}, {@link LocalSgdTrainer}) keeps about its
 * epochs: the history (each epoch also told to the listener), the last loss for tol, early
 * stopping on the validation loss, the epoch-end checkpoints, why and where training stopped,
 * the elapsed time, and at the end the best weights (with their network state) in place of the
 * last.
 */
final class EpochBookkeeping {

  private final TrainingConfig config;
  private final TrainingListener listener;
  private final GradientSource source;
  private final Evaluator validation;
  private final Checkpointer checkpointer;
  private final int iterations;
  private final EarlyStopping early;
  private final List<EpochStats> history = new ArrayList<>();
  private final long start = System.nanoTime();
  private double previousLoss = Double.NaN;
  private StopReason reason = StopReason.EPOCHS;
  private Divergence divergence;

  /** For a loop that validates and stops by itself ({@link LbfgsTrainer}). */
  EpochBookkeeping(TrainingConfig config, TrainingListener listener, GradientSource source,
      Evaluator validation) {
    this(config, listener, source, validation, null, 1);
  }

  /**
   * @param validation evaluated after every epoch, or null: no validation, no early stopping
   * @param checkpointer saves the state at the epoch ends it asks for, or null
   * @param iterations batches per epoch
   */
  EpochBookkeeping(TrainingConfig config, TrainingListener listener, GradientSource source,
      Evaluator validation, Checkpointer checkpointer, int iterations) {
    this.config = config;
    this.listener = listener;
    this.source = source;
    this.validation = validation;
    this.checkpointer = checkpointer;
    this.iterations = iterations;
    this.early = validation != null && config.patience() > 0
        ? new EarlyStopping(config.patience()) : null;
    listener.onStart(start);
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

  /**
   * Training diverged at batch {@code iteration} of epoch {@code epoch} (both from 1), the last
   * finite batch loss being {@code lastFinite}.
   */
  void diverged(int epoch, int iteration, double lastFinite) {
    reason = StopReason.DIVERGED;
    divergence = new Divergence(epoch, iteration, lastFinite);
  }

  /**
   * Records epoch {@code epoch} (from 0), cut short by a diverged batch, from its batches'
   * figures {@code progress}.
   */
  void recordUnfinished(int epoch, EpochProgress progress, float[] theta, long epochStart) {
    record(stats(epoch, progress, null, epochStart), theta);
  }

  /**
   * After the batches of epoch {@code epoch} (from 0), whose figures are {@code progress}, at
   * weights {@code theta}: validates, records the epoch, saves the checkpoint the checkpointer
   * asks for (not after a non-finite epoch loss), and says whether to stop (diverged, early
   * stopping or tol).
   */
  boolean endEpoch(int epoch, EpochProgress progress, float[] theta, OptimizerState optimizer,
      long updates, long epochStart) {
    return endEpoch(epoch, progress, theta, optimizer, updates, epochStart, System.nanoTime());
  }

  /**
   * As {@link #endEpoch(int, EpochProgress, float[], OptimizerState, long, long)}, the epoch
   * having ended at {@code epochEnd} ({@link System#nanoTime}): its time and the elapsed time
   * are taken there.
   */
  boolean endEpoch(int epoch, EpochProgress progress, float[] theta, OptimizerState optimizer,
      long updates, long epochStart, long epochEnd) {
    GradientSum validated = validation == null ? null : validation.evaluate(theta);
    EpochStats stats = stats(epoch, progress, validated, epochStart, epochEnd);
    record(stats, theta);
    if (!Double.isFinite(stats.loss())) {
      diverged(epoch + 1, iterations, progress.lastFinite());
      return true;
    }
    StopReason stop = stopAfter(stats, theta);
    if (checkpointer != null && checkpointer.due(epoch + 1)) {
      checkpointer.save(state(epoch + 1, updates, theta, optimizer, EpochProgress.START));
    }
    if (stop != null) {
      reason = stop;
      return true;
    }
    return false;
  }

  /**
   * The result after the last epoch, the last finite update having been batch
   * {@code lastIteration} of epoch {@code lastEpoch} (both from 1): the early-stopping best Θ
   * in place of {@code theta}, and divergence when no batch showed it but Θ overflowed in the
   * last update.
   */
  TrainingResult finish(float[] theta, long updates, int lastEpoch, int lastIteration,
      double lastFinite) {
    float[] end = finalTheta(theta);
    if (divergence == null && !UpdateStep.allFinite(end)) {
      // The last update overflowed Θ: no batch came after it to show a non-finite loss.
      diverged(lastEpoch, lastIteration, lastFinite);
    }
    return result(end, reason, updates, divergence);
  }

  /** The figures of epoch {@code epoch} (from 0) from its batches' and validation's sums. */
  EpochStats stats(int epoch, EpochProgress progress, GradientSum validated, long epochStart) {
    return stats(epoch, progress, validated, epochStart, System.nanoTime());
  }

  /** As {@link #stats(int, EpochProgress, GradientSum, long)}, the epoch ended at {@code end}. */
  EpochStats stats(int epoch, EpochProgress progress, GradientSum validated, long epochStart,
      long end) {
    double seconds = (end - epochStart) / 1e9;
    double weightSum = progress.weightSum();
    double loss = weightSum > 0 ? progress.lossSum() / weightSum : progress.lossSum();
    double accuracy = source.classifies()
        ? (double) progress.correct() / Math.max(1, progress.count()) : Double.NaN;
    double validationLoss = Double.NaN;
    double validationAccuracy = Double.NaN;
    if (validated != null && validated.count() > 0) {
      validationLoss = validated.loss() / validated.weight();
      validationAccuracy = source.classifies()
          ? (double) validated.correct() / validated.count() : Double.NaN;
    }
    return new EpochStats(epoch + 1, iterations, loss, accuracy, validationLoss,
        validationAccuracy, progress.count() / Math.max(seconds, 1e-9),
        (end - start) / 1e9);
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
