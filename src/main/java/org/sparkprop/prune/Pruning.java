package org.sparkprop.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.ThetaLayout;
import org.sparkprop.optim.Lbfgs;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.PrunedOptimizer;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.Evaluator;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.LbfgsTrainer;
import org.sparkprop.train.StopReason;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/**
 * Iterative pruning of a trained network ({@link PruneSettings}): at each step the relevance of
 * every weight is measured at the current Θ, the least relevant are removed (held at exactly 0
 * from then on: {@link PrunedOptimizer}), and the network is fine-tuned for
 * {@code prune.every} epochs. Nothing here depends on where the gradients come from.
 */
public final class Pruning {

  /** What one step removed: the fraction of connection weights and the units per layer. */
  public record Step(int step, double weightFraction, int[] hiddenSizes) {}

  /**
   * The pruned weights (original layout: removed entries are 0), the mask, the units removed
   * ({@code [k][i]}; all false unless {@code prune.units}) and each step's figures.
   */
  public record Outcome(TrainingResult result, float[] keep, boolean[][] units,
      List<Step> steps) {}

  private final PruneSettings settings;
  private final NetworkSpec spec;
  private final Optimizer optimizer;
  private final Lbfgs lbfgs;
  private final TrainingConfig training;
  private final TrainingListener listener;

  /**
   * @param optimizer the fine-tuning optimizer, or null with {@code lbfgs}
   * @param lbfgs full-batch L-BFGS for fine-tuning, or null
   * @param training the training run's settings; fine-tuning takes them with {@code every}
   *     epochs, no tol and no early stopping
   */
  public Pruning(PruneSettings settings, NetworkSpec spec, Optimizer optimizer, Lbfgs lbfgs,
      TrainingConfig training, TrainingListener listener) {
    if ((optimizer == null) == (lbfgs == null)) {
      throw new IllegalArgumentException("pruning fine-tunes with an optimizer or L-BFGS: give"
          + " exactly one");
    }
    this.settings = settings;
    this.spec = spec;
    this.optimizer = optimizer;
    this.lbfgs = lbfgs;
    this.training = training;
    this.listener = listener;
  }

  /**
   * Throws a {@link UnitNotRemovableException} (naming the first layer and unit refused) unless
   * every hidden layer of {@code spec} can lose units: checked before training when
   * {@code prune.units} is set, so that a refusal does not wait for the end of a run.
   */
  public static void checkUnits(NetworkSpec spec) {
    for (int k = 1; k < spec.depth(); k++) {
      UnitRemoval.check(spec, k, 0);
    }
  }

  /**
   * Prunes from {@code trained} (not modified). {@code saliency} gives Σ_b |θ·g_b| at Θ (one pass
   * over the data, {@link GradientSource#saliency}); it is only called for
   * {@link PruneMethod#SALIENCY}. {@code before} is the training run that produced
   * {@code trained}, whose history comes first in the result's, or null.
   */
  public Outcome run(GradientSource source, Evaluator validation, float[] trained,
      UnaryOperator<float[]> saliency, TrainingResult before) {
    ThetaLayout layout = new ThetaLayout(spec);
    float[] theta = trained.clone();
    float[] keep = new float[theta.length];
    java.util.Arrays.fill(keep, 1f);
    boolean[][] units = none();
    List<EpochStats> history = new ArrayList<>(before == null ? List.of() : before.history());
    List<Step> steps = new ArrayList<>();
    long updates = before == null ? 0 : before.updates();
    double seconds = before == null ? 0 : before.seconds();
    TrainingResult last = before;
    boolean penalty = settings.method() == PruneMethod.PENALTY;
    for (int t = 1; t <= settings.steps(); t++) {
      float[] relevance = settings.method() == PruneMethod.SALIENCY ? saliency.apply(theta)
          : magnitude(theta);
      boolean[] removed;
      if (settings.units()) {
        double[][] r = Selection.unitRelevance(spec, relevance,
            settings.method() != PruneMethod.SALIENCY);
        units = Selection.units(spec, r, units, settings.fraction(t),
            penalty ? settings.threshold() : -1);
        removed = Selection.incomingWeights(spec, units);
      } else if (penalty) {
        removed = Selection.weightsUnder(layout, relevance, keep, settings.threshold());
      } else {
        removed = Selection.weights(layout, relevance, keep, settings.fraction(t));
      }
      for (int i = 0; i < theta.length; i++) {
        if (removed[i]) {
          keep[i] = 0f;
          theta[i] = 0f;
        }
      }
      if (settings.every() > 0) {
        last = fineTune(source, validation, theta, keep);
        theta = last.theta();
        int offset = history.size();
        for (EpochStats e : last.history()) {
          history.add(new EpochStats(offset + e.epoch(), e.iterations(), e.loss(), e.accuracy(),
              e.validationLoss(), e.validationAccuracy(), e.samplesPerSecond(),
              seconds + e.elapsedSeconds()));
        }
        updates += last.updates();
        seconds += last.seconds();
      }
      steps.add(new Step(t, removedFraction(layout, keep), hiddenSizes(units)));
    }
    TrainingResult result = new TrainingResult(theta, List.copyOf(history),
        last == null ? StopReason.EPOCHS : last.stopReason(), updates, seconds,
        0, last == null ? null : last.divergence());
    return new Outcome(result, keep, units, List.copyOf(steps));
  }

  private TrainingResult fineTune(GradientSource source, Evaluator validation, float[] theta,
      float[] keep) {
    TrainingConfig tune = new TrainingConfig(settings.every(), 0, training.schedule(),
        training.l2(), training.l1(), training.clipNorm(), training.clipValue(), 0, 0,
        training.groupLasso());
    if (lbfgs != null) {
      return new LbfgsTrainer(lbfgs, tune, listener).pruned(keep)
          .train(source, theta, validation);
    }
    return new Trainer(new PrunedOptimizer(optimizer, keep), tune, listener)
        .train(source, theta, validation);
  }

  private boolean[][] none() {
    boolean[][] none = new boolean[spec.depth() + 1][];
    for (int k = 0; k <= spec.depth(); k++) {
      none[k] = new boolean[spec.size(k)];
    }
    return none;
  }

  private int[] hiddenSizes(boolean[][] units) {
    int[] sizes = spec.sizes();
    for (int k = 1; k < spec.depth(); k++) {
      for (boolean r : units[k]) {
        if (r) {
          sizes[k]--;
        }
      }
    }
    return sizes;
  }

  /** |θ_i|. */
  static float[] magnitude(float[] theta) {
    float[] r = new float[theta.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.abs(theta[i]);
    }
    return r;
  }

  /** The fraction of connection weights whose entry is removed. */
  static double removedFraction(ThetaLayout layout, float[] keep) {
    boolean[] w = layout.weightMask();
    long all = 0;
    long removed = 0;
    for (int i = 0; i < w.length; i++) {
      if (w[i]) {
        all++;
        if (keep[i] == 0f) {
          removed++;
        }
      }
    }
    return all == 0 ? 0 : (double) removed / all;
  }
}
