package org.sparkprop.train;

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
  /** 1 for each kept entry of Θ, 0 for each removed one, or null: none removed. */
  private float[] keep;

  public LbfgsTrainer(Lbfgs lbfgs, TrainingConfig config, TrainingListener listener) {
    this.lbfgs = lbfgs;
    this.config = config;
    this.listener = listener;
  }

  /**
   * Keeps the entries of Θ where {@code keep} is 0 at exactly 0: they start at 0 and their
   * gradient is zeroed in every evaluation, so the two-loop direction, every step s_k and every
   * gradient change y_k of the history are 0 there too (the direction is a combination of the
   * gradient and the history).
   */
  public LbfgsTrainer pruned(float[] keep) {
    this.keep = keep == null ? null : keep.clone();
    return this;
  }

  /** Trains from {@code initialTheta} (not modified); the source's plan must be full-batch. */
  public TrainingResult train(GradientSource source, float[] initialTheta, Evaluator validation) {
    if (source.plan().iterations(source.rows()) != 1) {
      throw new IllegalArgumentException("optimizer lbfgs minimizes the full-batch loss: it needs"
          + " mode=batch, but the plan has " + source.plan().iterations(source.rows())
          + " batches per epoch");
    }
    float[] theta = initialTheta.clone();
    if (keep != null) {
      if (keep.length != theta.length) {
        throw new IllegalArgumentException("the pruning mask has " + keep.length
            + " entries but Θ " + theta.length + "; they must be equal");
      }
      for (int i = 0; i < theta.length; i++) {
        theta[i] = keep[i] == 0f ? 0f : theta[i];
      }
    }
    Lbfgs.State state = lbfgs.init(theta.length);
    long[] last = new long[2];
    long[] evaluations = new long[1];
    EpochBookkeeping book = new EpochBookkeeping(config, listener, source, validation);
    StopReason reason = StopReason.EPOCHS;
    Divergence divergence = null;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      long epochStart = System.nanoTime();
      int e = epoch;
      Lbfgs.Iteration step = lbfgs.iterate(theta, at -> {
        evaluations[0]++;
        return objective(source.gradient(at, e, 0), at, last);
      }, state);
      GradientSum validated = validation == null ? null : validation.evaluate(theta);
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      double vLoss = validated == null ? Double.NaN : validated.loss() / validated.weight();
      double vAcc = validated != null && source.classifies()
          ? (double) validated.correct() / validated.count() : Double.NaN;
      EpochStats stats = new EpochStats(epoch + 1, (int) step.evaluations(), step.loss(),
          source.classifies() ? (double) last[0] / Math.max(1, last[1]) : Double.NaN, vLoss, vAcc,
          step.evaluations() * source.rows() / Math.max(seconds, 1e-9),
          (System.nanoTime() - book.start()) / 1e9);
      book.record(stats, theta);
      if (!Double.isFinite(step.loss())) {
        reason = StopReason.DIVERGED;
        divergence = new Divergence(epoch + 1, 1, book.previousLoss());
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
      StopReason stop = book.stopAfter(stats, theta);
      if (stop != null) {
        reason = stop;
        break;
      }
    }
    return book.result(book.finalTheta(theta), reason, evaluations[0], divergence);
  }

  /**
   * q_S(Θ) plus the penalties and its gradient from the full batch's sums; {@code last} gets the
   * correct and served counts. A batch of no weight (every sample weighted 0) has nothing to
   * learn: loss 0 and a zero gradient, so L-BFGS stops at Θ as converged, where dividing by the
   * weight would make Θ NaN.
   */
  private LossAndGradient objective(GradientSum sum, float[] at, long[] last) {
    last[0] = sum.correct();
    last[1] = sum.count();
    if (sum.count() == 0 || !(sum.weight() > 0)) {
      return new LossAndGradient(0, new float[at.length]);
    }
    float[] g = sum.gradient().clone();
    float scale = (float) (1.0 / sum.weight());
    for (int i = 0; i < g.length; i++) {
      g[i] *= scale;
    }
    double penalty = config.regularizeAndClip(at, g);
    if (keep != null) {
      for (int i = 0; i < g.length; i++) {
        g[i] = keep[i] == 0f ? 0f : g[i];
      }
    }
    return new LossAndGradient(sum.loss() / sum.weight() + penalty, g);
  }
}
