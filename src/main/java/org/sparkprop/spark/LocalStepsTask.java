package org.sparkprop.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkprop.nn.Network;
import org.sparkprop.optim.OptimizerState;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.LocalRound;
import org.sparkprop.train.LocalSteps;
import org.sparkprop.train.Shard;
import org.sparkprop.train.ShardWorker;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * One task of a local SGD round: for each shard of its partition, copies the broadcast Θ and
 * optimizer state and takes the round's steps on the shard ({@link LocalSteps#run}). A pure
 * function of (start, shard, epoch, iterations), so a retried task returns the same outcome. A
 * named class for the reason given in {@link ShardTask}.
 */
final class LocalStepsTask extends AbstractFunction2<TaskContext, Iterator<Shard>, LocalRound[]>
    implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Network network;
  private final BatchPlan plan;
  private final LocalSteps rule;
  private final Broadcast<RoundStart> start;
  private final int epoch;
  private final int first;
  private final int steps;

  LocalStepsTask(Network network, BatchPlan plan, LocalSteps rule, Broadcast<RoundStart> start,
      int epoch, int first, int steps) {
    this.network = network;
    this.plan = plan;
    this.rule = rule;
    this.start = start;
    this.epoch = epoch;
    this.first = first;
    this.steps = steps;
  }

  @Override
  public LocalRound[] apply(TaskContext context, Iterator<Shard> shards) {
    List<LocalRound> out = new ArrayList<>(1);
    while (shards.hasNext()) {
      Shard shard = shards.next();
      RoundStart from = start.value();
      // Copies: in local mode every task reads the driver's own broadcast object.
      float[] theta = from.theta().values().clone();
      OptimizerState state = rule.optimizer().init(theta.length);
      List<float[]> arrays = state.arrays();
      for (int a = 0; a < arrays.size(); a++) {
        float[] v = from.arrays().get(a).values();
        System.arraycopy(v, 0, arrays.get(a), 0, v.length);
      }
      state.restoreStep(from.step());
      ShardWorker worker = ExecutorWorkers.forNetwork(network);
      out.add(rule.run(worker, shard, plan, theta, state, epoch, first, steps));
    }
    return out.toArray(new LocalRound[0]);
  }
}
