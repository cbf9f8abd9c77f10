package org.sparkprop.train;

import java.util.ArrayList;
import java.util.List;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.OptimizerState;

/**
 * The backpropagation loop, on the driver and independent of where gradients come from:
 * while the convergence conditions do not hold, for every batch of the epoch, ask the source for
 * Σ_n ∇q_n(Θ), divide by the batch's sample count (q_S is a mean), add the regularization
 * gradient, clip, and let the optimizer step with the scheduled learning rate.
 */
public final class Trainer {

  private final Optimizer optimizer;
  private final TrainingConfig config;
  private final TrainingListener listener;
  private Checkpointer checkpointer;
  private TrainingState resumeFrom;

  public Trainer(Optimizer optimizer, TrainingConfig config, TrainingListener listener) {
    this.optimizer = optimizer;
    this.config = config;
    this.listener = listener;
  }

  /** Saves the loop's state through {@code checkpointer} when it says so. */
  public Trainer checkpoints(Checkpointer checkpointer) {
    this.checkpointer = checkpointer;
    return this;
  }

  /** Starts from a saved state instead of the initial weights (epoch numbering goes on). */
  public Trainer resumeFrom(TrainingState state) {
    this.resumeFrom = state;
    return this;
  }

  /** Trains from {@code initialTheta} (not modified) without a validation set. */
  public TrainingResult train(GradientSource source, float[] initialTheta) {
    return train(source, initialTheta, null);
  }

  /**
   * Trains from {@code initialTheta} (not modified); {@code validation}, when not null, is
   * evaluated after every epoch and drives early stopping.
   */
  public TrainingResult train(GradientSource source, float[] initialTheta, Evaluator validation) {
    float[] theta = initialTheta.clone();
    OptimizerState state = optimizer.init(theta.length);
    float[] mean = new float[theta.length];
    int iterations = source.plan().iterations(source.rows());
    EarlyStopping early = validation != null && config.patience() > 0
        ? new EarlyStopping(config.patience()) : null;
    List<EpochStats> history = new ArrayList<>();
    StopReason reason = StopReason.EPOCHS;
    long updates = 0;
    long start = System.nanoTime();
    double previousLoss = Double.NaN;
    int firstEpoch = 0;
    Divergence divergence = null;
    double lastFinite = Double.NaN;
    int lastEpoch = 0;
    int lastIteration = 0;
    if (resumeFrom != null) {
      theta = restore(resumeFrom, state, early);
      history.addAll(resumeFrom.history());
      updates = resumeFrom.updates();
      previousLoss = resumeFrom.previousLoss();
      firstEpoch = resumeFrom.epochs();
    }
    epochs:
    for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
      long epochStart = System.nanoTime();
      if (epoch < config.curriculumEpochs()) {
        source.easyFirst(theta);
      } else if (epoch == config.curriculumEpochs() && epoch > 0) {
        source.easyFirst(null);
      }
      double lossSum = 0;
      double weightSum = 0;
      long count = 0;
      long correct = 0;
      for (int it = 0; it < iterations; it++) {
        GradientSum sum = source.gradient(theta, epoch, it);
        if (sum.count() == 0 || !(sum.weight() > 0)) {
          continue;
        }
        float scale = (float) (1.0 / sum.weight());
        float[] g = sum.gradient();
        for (int i = 0; i < mean.length; i++) {
          mean[i] = g[i] * scale;
        }
        double penalty = config.regularizeAndClip(theta, mean);
        lossSum += sum.loss() + penalty * sum.weight();
        weightSum += sum.weight();
        count += sum.count();
        correct += sum.correct();
        if (!Double.isFinite(sum.loss()) || !allFinite(mean)) {
          reason = StopReason.DIVERGED;
          divergence = new Divergence(epoch + 1, it + 1, lastFinite);
          history.add(stats(epoch, iterations, lossSum, weightSum, count, correct, source, null,
              epochStart, start));
          listener.onEpoch(history.get(history.size() - 1), theta);
          break epochs;
        }
        lastFinite = sum.loss() / sum.weight();
        double rate = config.schedule().factor(epoch, (it + 1) / (double) iterations);
        optimizer.update(theta, mean, state, (float) rate);
        updates++;
        lastEpoch = epoch + 1;
        lastIteration = it + 1;
      }
      GradientSum validated = validation == null ? null : validation.evaluate(theta);
      EpochStats stats = stats(epoch, iterations, lossSum, weightSum, count, correct, source, validated,
          epochStart, start);
      history.add(stats);
      listener.onEpoch(stats, theta);
      if (!Double.isFinite(stats.loss())) {
        reason = StopReason.DIVERGED;
        divergence = new Divergence(epoch + 1, iterations, lastFinite);
        break;
      }
      boolean stopEarly = early != null
          && early.stop(stats.epoch(), stats.validationLoss(), theta, source.networkState());
      boolean converged = config.tol() > 0 && epoch > 0
          && Math.abs(previousLoss - stats.loss()) <= config.tol() * Math.abs(previousLoss);
      previousLoss = stats.loss();
      if (checkpointer != null && checkpointer.due(epoch + 1)) {
        checkpointer.save(new TrainingState(epoch + 1, updates, theta, state.arrays(),
            state.step(), previousLoss, early == null ? 0 : early.bestEpoch(),
            early == null ? Double.NaN : early.best(), early == null ? null : early.bestTheta(),
            early == null ? null : early.bestNetworkState(), List.copyOf(history)));
      }
      if (stopEarly) {
        reason = StopReason.EARLY_STOPPING;
        break;
      }
      if (converged) {
        reason = StopReason.TOLERANCE;
        break;
      }
    }
    if (config.curriculumEpochs() > 0) {
      source.easyFirst(null);
    }
    int bestEpoch = 0;
    if (early != null && early.bestTheta() != null) {
      theta = early.bestTheta();
      bestEpoch = early.bestEpoch();
      if (early.bestNetworkState() != null) {
        // Θ of the best epoch with the running statistics of that epoch, not of the last one.
        source.restoreNetworkState(early.bestNetworkState());
      }
    }
    if (divergence == null && !allFinite(theta)) {
      // The last update overflowed Θ: no batch came after it to show a non-finite loss.
      reason = StopReason.DIVERGED;
      divergence = new Divergence(lastEpoch, lastIteration, lastFinite);
    }
    return new TrainingResult(theta, List.copyOf(history), reason, updates,
        (System.nanoTime() - start) / 1e9, bestEpoch, divergence);
  }

  /** Writes a saved state back into the loop's variables; returns Θ. */
  private static float[] restore(TrainingState saved, OptimizerState state, EarlyStopping early) {
    List<float[]> arrays = state.arrays();
    if (arrays.size() != saved.optimizerArrays().size()) {
      throw new IllegalArgumentException("the checkpoint holds " + saved.optimizerArrays().size()
          + " optimizer arrays, this optimizer has " + arrays.size());
    }
    for (int i = 0; i < arrays.size(); i++) {
      float[] from = saved.optimizerArrays().get(i);
      if (from.length != arrays.get(i).length) {
        throw new IllegalArgumentException("checkpoint optimizer array " + i + " has "
            + from.length + " entries, expected " + arrays.get(i).length);
      }
      System.arraycopy(from, 0, arrays.get(i), 0, from.length);
    }
    state.restoreStep(saved.optimizerStep());
    if (early != null && saved.bestEpoch() > 0) {
      early.restore(saved.bestEpoch(), saved.bestLoss(), saved.bestTheta(),
          saved.bestNetworkState());
    }
    return saved.theta().clone();
  }

  private static EpochStats stats(int epoch, int iterations, double lossSum, double weightSum,
      long count, long correct, GradientSource source, GradientSum validated, long epochStart,
      long start) {
    double seconds = (System.nanoTime() - epochStart) / 1e9;
    double loss = weightSum > 0 ? lossSum / weightSum : lossSum;
    double accuracy = source.classifies() ? (double) correct / Math.max(1, count) : Double.NaN;
    double validationLoss = Double.NaN;
    double validationAccuracy = Double.NaN;
    if (validated != null && validated.count() > 0) {
      validationLoss = validated.loss() / validated.weight();
      validationAccuracy = source.classifies()
          ? (double) validated.correct() / validated.count() : Double.NaN;
    }
    return new EpochStats(epoch + 1, iterations, loss, accuracy, validationLoss,
        validationAccuracy, count / Math.max(seconds, 1e-9), (System.nanoTime() - start) / 1e9);
  }

  private static boolean allFinite(float[] a) {
    for (float v : a) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
