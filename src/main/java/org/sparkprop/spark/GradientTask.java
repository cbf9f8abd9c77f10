package org.sparkprop.spark;

import org.apache.spark.broadcast.Broadcast;
import org.sparkprop.nn.Network;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Shard;
import org.sparkprop.train.ShardWorker;

/**
 * A shard's share of mini-batch {@code iteration} of {@code epoch}: Σ over its rows of the
 * gradient of q_n at Θ (backpropagation, {@link Network#gradient}), with the loss and
 * count beside it. A pure function of (Θ, shard, epoch, iteration), so a retried task adds the
 * same sum.
 */
final class GradientTask extends ShardTask {

  private static final long serialVersionUID = 1L;

  private final Network network;
  private final BatchPlan plan;
  /** Θ as a broadcast, or null when it travels inside the task ({@link #inline}). */
  private final Broadcast<BulkFloats> theta;
  private final BulkFloats inline;
  private final Broadcast<BulkFloats> easyFirst;
  private final int epoch;
  private final int iteration;

  /**
   * @param theta Θ as a broadcast, or null when {@code inline} carries it
   * @param inline Θ inside the task itself (it then travels in the job's task binary, which
   *     Spark broadcasts anyway: one broadcast fewer per update), or null
   * @param easyFirst the weights a curriculum orders each shard's rows by (lowest loss first), or
   *     null for the plan's own order
   */
  GradientTask(Network network, BatchPlan plan, Broadcast<BulkFloats> theta, BulkFloats inline,
      Broadcast<BulkFloats> easyFirst, int epoch, int iteration) {
    if ((theta == null) == (inline == null)) {
      throw new IllegalArgumentException("Θ must come either broadcast or inline, not "
          + (theta == null ? "neither" : "both"));
    }
    this.network = network;
    this.plan = plan;
    this.theta = theta;
    this.inline = inline;
    this.easyFirst = easyFirst;
    this.epoch = epoch;
    this.iteration = iteration;
  }

  private float[] theta() {
    return inline != null ? inline.values() : theta.value().values();
  }

  @Override
  void read() {
    theta();
    if (easyFirst != null) {
      easyFirst.value();
    }
  }

  @Override
  void add(Shard shard, GradientSum sum) {
    ShardWorker worker = ExecutorWorkers.forNetwork(network);
    int[] visit = easyFirst == null ? null
        : worker.easyFirst(easyFirst.id(), easyFirst.value().values(), shard);
    worker.accumulate(theta(), shard, plan, epoch, iteration, visit, sum);
  }
}
