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
}
