package org.sparkprop.train;

import java.util.ArrayList;
import java.util.List;
import org.sparkprop.optim.Lbfgs;
import org.sparkprop.optim.LossAndGradient;

/**
 * Full-batch training with L-BFGS (MLlib's default solver for its perceptron, so results compare
 * like with like): every iteration minimizes q_S(Θ) plus the penalties along the two-loop
 * direction with a line search; each evaluation of q_S is one full-batch gradient job. Each
 * iteration counts as one epoch in the history.
 */
public final class LbfgsTrainer {

  private final Lbfgs lbfgs;
  private final TrainingConfig config;
  private final TrainingListener listener;

  public LbfgsTrainer(Lbfgs lbfgs, TrainingConfig config, TrainingListener listener) {
    this.lbfgs = lbfgs;
    this.config = config;
    this.listener = listener;
  }

  /** Trains from {@code initialTheta} (not modified); the source's plan must be full-batch. */
  public TrainingResult train(GradientSource source, float[] initialTheta, Evaluator validation) {
    if (source.plan().iterations(source.rows()) != 1) {
      throw new IllegalArgumentException("optimizer lbfgs minimizes the full-batch loss: it needs"
          + " mode=batch, but the plan has " + source.plan().iterations(source.rows())
          + " batches per epoch");
    }
    float[] theta = initialTheta.clone();
    Lbfgs.State state = lbfgs.init(theta.length);
    long[] last = new long[2];
    long[] evaluations = new long[1];
    EarlyStopping early = validation != null && config.patience() > 0
        ? new EarlyStopping(config.patience()) : null;
    List<EpochStats> history = new ArrayList<>();
    StopReason reason = StopReason.EPOCHS;
    long start = System.nanoTime();
    double previousLoss = Double.NaN;
    Divergence divergence = null;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      long epochStart = System.nanoTime();
      int e = epoch;
      Lbfgs.Iteration step = lbfgs.iterate(theta, at -> {
        GradientSum sum = source.gradient(at, e, 0);
        float[] g = sum.gradient().clone();
        float scale = (float) (1.0 / sum.weight());
        for (int i = 0; i < g.length; i++) {
          g[i] *= scale;
        }
        double penalty = config.regularizeAndClip(at, g);
        last[0] = sum.correct();
        last[1] = sum.count();
        evaluations[0]++;
        return new LossAndGradient(sum.loss() / sum.weight() + penalty, g);
      }, state);
      GradientSum validated = validation == null ? null : validation.evaluate(theta);
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      double vLoss = validated == null ? Double.NaN : validated.loss() / validated.weight();
      double vAcc = validated != null && source.classifies()
          ? (double) validated.correct() / validated.count() : Double.NaN;
      EpochStats stats = new EpochStats(epoch + 1, (int) step.evaluations(), step.loss(),
          source.classifies() ? (double) last[0] / Math.max(1, last[1]) : Double.NaN, vLoss, vAcc,
          step.evaluations() * source.rows() / Math.max(seconds, 1e-9),
          (System.nanoTime() - start) / 1e9);
      history.add(stats);
      listener.onEpoch(stats, theta);
      if (!Double.isFinite(step.loss())) {
        reason = StopReason.DIVERGED;
        divergence = new Divergence(epoch + 1, 1, previousLoss);
        break;
      }
      if (step.status() == Lbfgs.Status.CONVERGED) {
        reason = StopReason.CONVERGED;
        break;
      }
      if (step.status() == Lbfgs.Status.LINE_SEARCH_FAILED) {
        reason = StopReason.LINE_SEARCH_FAILED;
        break;
      }
      if (early != null && early.stop(stats.epoch(), vLoss, theta, source.networkState())) {
        reason = StopReason.EARLY_STOPPING;
        break;
      }
      if (config.tol() > 0 && epoch > 0
          && Math.abs(previousLoss - step.loss()) <= config.tol() * Math.abs(previousLoss)) {
        reason = StopReason.TOLERANCE;
        break;
      }
      previousLoss = step.loss();
    }
    int bestEpoch = 0;
    if (early != null && early.bestTheta() != null) {
      theta = early.bestTheta();
      bestEpoch = early.bestEpoch();
      if (early.bestNetworkState() != null) {
        source.restoreNetworkState(early.bestNetworkState());
      }
    }
    return new TrainingResult(theta, List.copyOf(history), reason, evaluations[0],
        (System.nanoTime() - start) / 1e9, bestEpoch, divergence);
  }
}
