package org.sparkprop.train;

import java.util.ArrayList;
import java.util.List;
import org.sparkprop.nn.Network;
import org.sparkprop.optim.OptimizerState;

/**
 * The rounds of local SGD over samples held in this JVM: the plan's shards take their steps one
 * after the other from copies of Θ and the optimizer state, as the Spark tasks do.
 */
public final class InMemoryLocalRounds implements LocalRounds {

  private final Shard[] shards;
  private final BatchPlan plan;
  private final ShardWorker worker;

  public InMemoryLocalRounds(Network network, Samples samples, BatchPlan plan) {
    this.shards = Shard.split(samples, plan.shards());
    this.plan = plan;
    this.worker = new ShardWorker(network);
  }

  @Override
  public List<LocalRound> run(LocalSteps rule, float[] theta, OptimizerState state, int epoch,
      int first, int steps) {
    List<LocalRound> out = new ArrayList<>(shards.length);
    for (Shard shard : shards) {
      OptimizerState own = rule.optimizer().init(theta.length);
      for (int a = 0; a < own.arrays().size(); a++) {
        float[] from = state.arrays().get(a);
        System.arraycopy(from, 0, own.arrays().get(a), 0, from.length);
      }
      own.restoreStep(state.step());
      LocalRound r = rule.run(worker, shard, plan, theta.clone(), own, epoch, first, steps);
      // Copies of the state's live arrays, as a task's serialized result would be.
      out.add(new LocalRound(r.shard(), r.theta(),
          r.optimizerArrays().stream().map(float[]::clone).toList(), r.optimizerStep(),
          r.updates(), r.lossSum(), r.dataLoss(), r.weightSum(), r.count(), r.correct(),
          r.diverged()));
    }
    return out;
  }
}
