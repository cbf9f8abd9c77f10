package org.sparkprop.spark;

import org.apache.spark.broadcast.Broadcast;
import org.sparkprop.nn.Network;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Saliency;
import org.sparkprop.train.Shard;

/**
 * A shard's share of the saliency Σ_b |θ_i · g_b,i| ({@link Saliency}) over batches of
 * {@code batchRows} consecutive rows of the shard, carried in the sum's gradient array so that
 * the shards' shares add up like gradients. A pure function of (Θ, shard, batchRows).
 */
final class SaliencyTask extends ShardTask {

  private static final long serialVersionUID = 1L;

  private final Network network;
  private final Broadcast<BulkFloats> theta;
  private final int batchRows;

  SaliencyTask(Network network, Broadcast<BulkFloats> theta, int batchRows) {
    this.network = network;
    this.theta = theta;
    this.batchRows = batchRows;
  }

  @Override
  void read() {
    theta.value();
  }

  @Override
  void add(Shard shard, GradientSum sum) {
    float[] t = theta.value().values();
    new Saliency(network).accumulate(t, shard.samples(), batchRows,
        sum.gradient(network.parameterCount()));
    sum.addStatistics(0, shard.rows(), 0);
  }
}
