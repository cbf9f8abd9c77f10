package org.sparkprop.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;

/**
 * The Spark steps of one {@link SparkGradientSource#gradient} call taken apart, through the same
 * classes (named tasks run by {@link ShardSums}, {@link BulkFloats} broadcasts, the
 * {@link BroadcastDestroyer}), for the benchmark's breakdown of an update's fixed cost.
 */
public final class UpdateSteps implements AutoCloseable {

  private final JavaSparkContext sc;
  private final ShardRdd packed;
  private final float[] theta;
  private final int depth;
  private final BroadcastDestroyer spent = new BroadcastDestroyer();

  public UpdateSteps(JavaSparkContext sc, Samples samples, int partitions, float[] theta,
      int depth) {
    this.sc = sc;
    this.packed = ShardRdd.fromSamples(sc, samples, partitions);
    this.theta = theta;
    this.depth = depth;
  }

  /** A job whose tasks add nothing: Spark's floor for one update. */
  public void emptyJob() {
    ShardSums.run(packed.rdd(), new Counting(null, 0), depth, true);
  }

  /** Broadcasts Θ (handed to the destroyer afterwards, as an update does). */
  public void broadcast() {
    spent.destroy(sc.broadcast(new BulkFloats(theta)));
  }

  /** Broadcasts Θ and destroys it in line: what the destroyer does off the update's path. */
  public void broadcastAndDestroyInLine() {
    sc.broadcast(new BulkFloats(theta)).destroy();
  }

  /** A job whose tasks return a zero gradient of Θ's size: the results' way to the driver. */
  public void resultJob() {
    ShardSums.run(packed.rdd(), new Counting(null, theta.length), depth, true);
  }

  /** An update without its arithmetic: broadcast, tasks reading Θ, gradient-sized results. */
  public void updateWithoutArithmetic() {
    Broadcast<BulkFloats> weights = sc.broadcast(new BulkFloats(theta));
    try {
      ShardSums.run(packed.rdd(), new Counting(weights, 0), depth, true);
    } finally {
      spent.destroy(weights);
    }
  }

  @Override
  public void close() {
    spent.close();
    packed.close();
  }

  /** Counts the shard's rows into a gradient of the given size (of Θ's size when reading it). */
  private static final class Counting extends ShardTask {

    private static final long serialVersionUID = 1L;

    private final Broadcast<BulkFloats> theta;
    private final int size;

    Counting(Broadcast<BulkFloats> theta, int size) {
      this.theta = theta;
      this.size = size;
    }

    @Override
    void add(Shard shard, GradientSum sum) {
      int d = theta != null ? theta.value().values().length : size;
      if (d > 0) {
        sum.gradient(d);
      }
      sum.addStatistics(0, shard.rows(), 0);
    }
  }
}
