package org.sparkprop.train;

import java.io.Serializable;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.OptimizerState;

/**
 * The per-step rule of local SGD, shipped to every task: one {@link UpdateStep} (the same
 * mathematics as one update of {@link Trainer}), applied by a task to its own shard. For each
 * iteration of a round the task adds its share of the batch (exactly the rows its
 * {@link ShardWorker} would add for a synchronous update) and takes the step from that share's
 * sum: its mean, the penalties and clipping, the finite check, and the optimizer's step with the
 * schedule's factor for that (epoch, iteration).
 *
 * @param step the update rule, with the epoch's iteration count for the schedule
 */
public record LocalSteps(UpdateStep step) implements Serializable {

  private static final long serialVersionUID = 1L;

  public LocalSteps {
    if (step == null) {
      throw new IllegalArgumentException("LocalSteps: step must not be null");
    }
  }

  /** The rule of {@code optimizer} under {@code config}'s schedule, penalties and clipping. */
  public static LocalSteps of(Optimizer optimizer, TrainingConfig config, int iterations) {
    return new LocalSteps(new UpdateStep(optimizer, config, iterations));
  }

  /** The optimizer whose state every task starts from. */
  public Optimizer optimizer() {
    return step.optimizer();
  }

  /**
   * Runs iterations [first, first + steps) of {@code epoch} on {@code shard}, updating
   * {@code theta} and {@code state} in place; stops at the first non-finite loss or gradient.
   * An iteration in which the shard serves no rows (or rows of weight 0) takes no step.
   */
  public LocalRound run(ShardWorker worker, Shard shard, BatchPlan plan, float[] theta,
      OptimizerState state, int epoch, int first, int steps) {
    float[] mean = new float[theta.length];
    double lossSum = 0;
    double dataLoss = 0;
    double weightSum = 0;
    long count = 0;
    long correct = 0;
    int updates = 0;
    int diverged = -1;
    GradientSum sum = new GradientSum(); // one per task: nothing keeps a batch's sum after it
    for (int it = first; it < first + steps; it++) {
      sum.reset();
      worker.accumulate(theta, shard, plan, epoch, it, sum);
      UpdateRecord done = step.apply(theta, state, mean, sum, epoch, it);
      if (done.kind() == UpdateRecord.Kind.SKIPPED) {
        continue;
      }
      lossSum += done.loss();
      dataLoss += sum.loss();
      weightSum += done.weight();
      count += done.count();
      correct += done.correct();
      if (done.kind() == UpdateRecord.Kind.DIVERGED) {
        diverged = it;
        break;
      }
      updates++;
    }
    return new LocalRound(shard.index(), theta, state.arrays(), state.step(), updates, lossSum,
        dataLoss, weightSum, count, correct, diverged);
  }
}
