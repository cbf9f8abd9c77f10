package org.sparkprop.spark;

import org.apache.spark.broadcast.Broadcast;
import org.sparkprop.nn.Network;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Shard;

/** A shard's loss sum, count and correct classifications at Θ over all its rows; no gradient. */
final class EvaluationTask extends ShardTask {

  private static final long serialVersionUID = 1L;

  private final Network network;
  private final Broadcast<BulkFloats> theta;

  EvaluationTask(Network network, Broadcast<BulkFloats> theta) {
    this.network = network;
    this.theta = theta;
  }

  @Override
  void read() {
    theta.value();
  }

  @Override
  void add(Shard shard, GradientSum sum) {
    ExecutorWorkers.forNetwork(network).evaluate(theta.value().values(), shard.samples(), sum);
  }
}
