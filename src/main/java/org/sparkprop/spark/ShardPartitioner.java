package org.sparkprop.spark;

import org.apache.spark.Partitioner;

/** Sends sample i (a {@code Long} key) to partition i mod P, the shard the batch plan expects. */
final class ShardPartitioner extends Partitioner {

  private final int shards;

  ShardPartitioner(int shards) {
    this.shards = shards;
  }

  @Override
  public int numPartitions() {
    return shards;
  }

  @Override
  public int getPartition(Object key) {
    return (int) Math.floorMod((Long) key, (long) shards);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPartitioner p && p.shards == shards;
  }

  @Override
  public int hashCode() {
    return shards;
  }
}
