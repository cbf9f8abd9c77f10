package org.sparkprop.train;

import java.io.Serializable;
import java.util.List;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.OptimizerState;

/**
 * One update from a batch's summed gradient, written once for every place it runs (the driver
 * after a Spark job, or each task of a barrier stage): the mean (q_S is a mean over the batch),
 * the regularization gradient and clipping, the finite check, the scheduled learning rate and
 * the optimizer's step. The same inputs give the same bits wherever it runs.
 */
public final class UpdateStep implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Optimizer optimizer;
  private final TrainingConfig config;
  private final int iterations;

  /**
   * @param iterations batches per epoch (the schedule's fraction of an epoch is
   *     (iteration + 1) / iterations)
   */
  public UpdateStep(Optimizer optimizer, TrainingConfig config, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("UpdateStep: iterations is " + iterations
          + "; it must be >= 1");
    }
    this.optimizer = optimizer;
    this.config = config;
    this.iterations = iterations;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  /**
   * Applies batch {@code it} of {@code epoch}, whose sum is {@code sum}, to Θ and the optimizer's
   * state (both in place; Θ is left as it was when the batch is skipped or diverged);
   * {@code mean} (length D) is scratch.
   */
  public UpdateRecord apply(float[] theta, OptimizerState state, float[] mean, GradientSum sum,
      int epoch, int it) {
    if (sum.count() == 0 || !(sum.weight() > 0)) {
      return UpdateRecord.SKIPPED;
    }
    float scale = (float) (1.0 / sum.weight());
    float[] g = sum.gradient();
    for (int i = 0; i < mean.length; i++) {
      mean[i] = g[i] * scale;
    }
    double penalty = config.regularizeAndClip(theta, mean);
    boolean finite = Double.isFinite(sum.loss()) && allFinite(mean);
    double loss = sum.loss() + penalty * sum.weight();
    if (!finite) {
      return new UpdateRecord(UpdateRecord.Kind.DIVERGED, loss, sum.weight(), sum.count(),
          sum.correct(), Double.NaN);
    }
    double rate = config.schedule().factor(epoch, (it + 1) / (double) iterations);
    optimizer.update(theta, mean, state, (float) rate);
    return new UpdateRecord(UpdateRecord.Kind.UPDATED, loss, sum.weight(), sum.count(),
        sum.correct(), sum.loss() / sum.weight());
  }

  /** Copies {@code arrays} and {@code step} (a checkpoint's, or a run's) into {@code state}. */
  public static void load(OptimizerState state, List<float[]> arrays, long step) {
    List<float[]> into = state.arrays();
    if (into.size() != arrays.size()) {
      throw new IllegalArgumentException("the saved state holds " + arrays.size()
          + " optimizer arrays, this optimizer has " + into.size());
    }
    for (int i = 0; i < into.size(); i++) {
      float[] from = arrays.get(i);
      if (from.length != into.get(i).length) {
        throw new IllegalArgumentException("saved optimizer array " + i + " has "
            + from.length + " entries, expected " + into.get(i).length);
      }
      System.arraycopy(from, 0, into.get(i), 0, from.length);
    }
    state.restoreStep(step);
  }

  static boolean allFinite(float[] a) {
    for (float v : a) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
