package org.sparkprop.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/** Tests outside this package pack shards in small bounded blocks through these. */
public final class ShardRdds {

  private ShardRdds() {}

  /** Rows packed in memory after counting them, in blocks of at most {@code maxFloats}. */
  public static ShardRdd fromRows(JavaRDD<SampleRow> rows, int partitions, int inputs,
      int outputs, Long seed, long maxFloats) {
    return ShardRdd.fromRows(rows, partitions, inputs, outputs, StorageLevel.MEMORY_ONLY(), seed,
        null, maxFloats);
  }

  /** {@code input} packed in memory, in blocks of at most {@code maxFloats}. */
  public static ShardRdd fromInput(ShardInput<?> input, int partitions, Long seed,
      long maxFloats) {
    return ShardRdd.fromInput(input, partitions, StorageLevel.MEMORY_ONLY(), seed, null,
        maxFloats);
  }

  /** The most partitions whose tasks each read a whole gzipped source ({@link ShardRdd}). */
  public static int wholeReadMaxPartitions() {
    return ShardRdd.WHOLE_READ_MAX_PARTITIONS;
  }

  /** Whether the shards' lineage crosses a shuffle. */
  public static boolean shuffled(ShardRdd shards) {
    return shuffled(shards.rdd().rdd());
  }

  private static boolean shuffled(org.apache.spark.rdd.RDD<?> rdd) {
    scala.collection.Iterator<org.apache.spark.Dependency<?>> deps =
        rdd.dependencies().iterator();
    while (deps.hasNext()) {
      org.apache.spark.Dependency<?> d = deps.next();
      if (d instanceof org.apache.spark.ShuffleDependency<?, ?, ?> || shuffled(d.rdd())) {
        return true;
      }
    }
    return false;
  }
}
