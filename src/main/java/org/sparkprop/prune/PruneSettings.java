package org.sparkprop.prune;

/**
 * Iterative pruning after training: {@code steps} times, the least relevant weights (or hidden
 * units) are removed so that the fraction removed follows the cubic schedule
 * s_t = target·(1 − (1 − t/steps)³) towards {@code target} (Zhu &amp; Gupta, "To prune, or not to
 * prune", 2017: large steps first, small ones near the end), each step followed by
 * {@code every} epochs of fine-tuning with the removed entries held at 0.
 *
 * @param method how relevance is measured
 * @param target the fraction of connection weights (of hidden units, with {@code units}) removed
 *     at the end, in [0, 1); 0 turns pruning off (except for {@link PruneMethod#PENALTY})
 * @param steps pruning steps, at least 1
 * @param every epochs of fine-tuning after each step, at least 0
 * @param units remove whole hidden units instead of single weights
 * @param threshold for {@link PruneMethod#PENALTY}: what is under it is removed
 * @param from a saved model to start from instead of training first, or empty
 */
public record PruneSettings(PruneMethod method, double target, int steps, int every,
    boolean units, double threshold, String from) implements java.io.Serializable {

  /** No pruning. */
  public static final PruneSettings NONE =
      new PruneSettings(PruneMethod.MAGNITUDE, 0, 1, 0, false, 0, "");

  public PruneSettings {
    if (!(target >= 0 && target < 1)) {
      throw new IllegalArgumentException("prune.target is " + target + "; it must be in [0, 1)");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("prune.steps is " + steps + "; it must be at least 1");
    }
    if (every < 0) {
      throw new IllegalArgumentException("prune.every is " + every + "; it must be at least 0");
    }
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("prune.threshold is " + threshold
          + "; it must be a finite number >= 0");
    }
    from = from == null ? "" : from;
  }

  /** The prune.* settings. */
  public static PruneSettings from(org.sparkprop.train.Settings s) {
    return new PruneSettings(PruneMethod.parse(s.getText("prune.method")),
        s.getDouble("prune.target"), s.getInt("prune.steps"), s.getInt("prune.every"),
        s.getBoolean("prune.units"), s.getDouble("prune.threshold"), s.getText("prune.from"));
  }

  /** Whether anything is pruned. */
  public boolean active() {
    return target > 0 || method == PruneMethod.PENALTY && threshold > 0;
  }

  /** The fraction removed after step t of {@link #steps} (1-based): cubic towards the target. */
  public double fraction(int t) {
    if (t < 1 || t > steps) {
      throw new IllegalArgumentException("pruning step is " + t + "; it must be in [1, " + steps
          + "]");
    }
    double left = 1 - (double) t / steps;
    return target * (1 - left * left * left);
  }
}
