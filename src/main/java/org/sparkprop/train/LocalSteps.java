package org.sparkprop.train;

import java.io.Serializable;
import org.sparkprop.optim.ClipNorm;
import org.sparkprop.optim.ClipValue;
import org.sparkprop.optim.L1Penalty;
import org.sparkprop.optim.L2Penalty;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.OptimizerState;
import org.sparkprop.optim.Schedule;

/**
 * The per-step rule of local SGD, shipped to every task: the same mathematics as one update of
 * {@link Trainer}, applied by a task to its own shard. For each iteration of a round the task
 * adds its share of the batch (exactly the rows its {@link ShardWorker} would add for a
 * synchronous update), divides by the share's weight (the mean over its share), adds the
 * penalties' gradients and clips ({@link TrainingConfig#regularizeAndClip}), checks that loss
 * and gradient are finite, and lets the optimizer step with the schedule's factor for that
 * (epoch, iteration).
 *
 * @param iterations updates per epoch, ⌈N/B⌉: the schedule's progress within an epoch
 */
public record LocalSteps(Optimizer optimizer, Schedule schedule, L2Penalty l2, L1Penalty l1,
    ClipNorm clipNorm, ClipValue clipValue, int iterations) implements Serializable {

  private static final long serialVersionUID = 1L;

  public LocalSteps {
    if (optimizer == null || schedule == null) {
      throw new IllegalArgumentException("optimizer and schedule must not be null");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException(
          "iterations is " + iterations + "; it must be at least 1");
    }
  }

  /** The rule of {@code optimizer} under {@code config}'s schedule, penalties and clipping. */
  public static LocalSteps of(Optimizer optimizer, TrainingConfig config, int iterations) {
    return new LocalSteps(optimizer, config.schedule(), config.l2(), config.l1(),
        config.clipNorm(), config.clipValue(), iterations);
  }

  /**
   * Runs iterations [first, first + steps) of {@code epoch} on {@code shard}, updating
   * {@code theta} and {@code state} in place; stops at the first non-finite loss or gradient.
   * An iteration in which the shard serves no rows (or rows of weight 0) takes no step.
   */
  public LocalRound run(ShardWorker worker, Shard shard, BatchPlan plan, float[] theta,
      OptimizerState state, int epoch, int first, int steps) {
    TrainingConfig penalties = new TrainingConfig(1, 0, schedule, l2, l1, clipNorm, clipValue,
        0, 0);
    float[] mean = new float[theta.length];
    double lossSum = 0;
    double dataLoss = 0;
    double weightSum = 0;
    long count = 0;
    long correct = 0;
    int updates = 0;
    int diverged = -1;
    for (int it = first; it < first + steps; it++) {
      GradientSum sum = new GradientSum();
      worker.accumulate(theta, shard, plan, epoch, it, sum);
      if (sum.count() == 0 || !(sum.weight() > 0)) {
        continue;
      }
      float scale = (float) (1.0 / sum.weight());
      float[] g = sum.gradient();
      for (int i = 0; i < mean.length; i++) {
        mean[i] = g[i] * scale;
      }
      double penalty = penalties.regularizeAndClip(theta, mean);
      lossSum += sum.loss() + penalty * sum.weight();
      dataLoss += sum.loss();
      weightSum += sum.weight();
      count += sum.count();
      correct += sum.correct();
      if (!Double.isFinite(sum.loss()) || !Trainer.allFinite(mean)) {
        diverged = it;
        break;
      }
      double rate = schedule.factor(epoch, (it + 1) / (double) iterations);
      optimizer.update(theta, mean, state, (float) rate);
      updates++;
    }
    return new LocalRound(shard.index(), theta, state.arrays(), state.step(), updates, lossSum,
        dataLoss, weightSum, count, correct, diverged);
  }
}
