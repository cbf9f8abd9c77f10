package org.sparkprop.train;

import java.util.List;
import org.sparkprop.optim.OptimizerState;

/**
 * The driver's step of local SGD: Θ and every optimizer array become the mean of the tasks'
 * values weighted by the weight of the rows each task saw in the round,
 * Θ ← Σ_p w_p Θ_p / Σ_p w_p, summed in double in shard order (the same bits on every run).
 *
 * <p>Weighted rather than plain: with plain gradient descent and K = 1 the weighted mean is
 * Θ − ρ Σ_p w_p ḡ_p / Σ_p w_p = Θ − ρ ḡ, the synchronous update, whatever the shares' sizes (a
 * last batch with fewer rows than shards, sample weights), and a task that saw no rows (its
 * Θ_p = Θ) does not pull the mean back. With equal shares both means are the same.
 */
final class RoundAverage {

  private RoundAverage() {}

  /**
   * Writes the weighted mean of {@code rounds} into {@code theta} and {@code state} (the step
   * counter becomes the largest of the tasks'); leaves both as they are when no task saw rows.
   */
  static void into(List<LocalRound> rounds, float[] theta, OptimizerState state) {
    double total = 0;
    long step = state.step();
    for (LocalRound r : rounds) {
      total += r.weightSum();
      step = Math.max(step, r.optimizerStep());
    }
    if (!(total > 0)) {
      return;
    }
    mean(rounds, total, theta, -1);
    List<float[]> arrays = state.arrays();
    for (int a = 0; a < arrays.size(); a++) {
      mean(rounds, total, arrays.get(a), a);
    }
    state.restoreStep(step);
  }

  /** The weighted mean of each round's Θ (array −1) or optimizer array {@code a}, into out. */
  private static void mean(List<LocalRound> rounds, double total, float[] out, int a) {
    double[] sum = new double[out.length];
    for (LocalRound r : rounds) {
      if (!(r.weightSum() > 0)) {
        continue;
      }
      float[] v = a < 0 ? r.theta() : r.optimizerArrays().get(a);
      if (v.length != out.length) {
        throw new IllegalArgumentException("shard " + r.shard() + " returned " + v.length
            + " values for array " + a + ", expected " + out.length);
      }
      double w = r.weightSum() / total;
      for (int i = 0; i < sum.length; i++) {
        sum[i] += w * v[i];
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) sum[i];
    }
  }
}
