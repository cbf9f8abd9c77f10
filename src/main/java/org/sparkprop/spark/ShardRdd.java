package org.sparkprop.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;

/**
 * Packs training samples into one dense {@link Shard} per partition, cached, so that every
 * iteration reads float blocks in place: no per-row objects, no parsing, no shuffle after the
 * first pass.
 */
public final class ShardRdd {

  private ShardRdd() {}

  /**
   * Splits driver-side samples into {@code partitions} shards (sample i to partition i mod P) and
   * caches them; partition p holds exactly shard p. Materializes the cache before returning, so
   * the first iteration is not charged for it.
   */
  public static JavaRDD<Shard> fromSamples(JavaSparkContext sc, Samples samples, int partitions) {
    List<Shard> shards = Arrays.asList(Shard.split(samples, partitions));
    // One element per slice: parallelize keeps the list order, so slice p gets shard p.
    JavaRDD<Shard> rdd = sc.parallelize(shards, partitions)
        .setName("sparkprop shards (" + samples.rows() + " rows x " + samples.inputs() + ")")
        .persist(StorageLevel.MEMORY_ONLY());
    long cached = rdd.count();
    if (cached != partitions) {
      throw new IllegalStateException("expected " + partitions + " shards, got " + cached);
    }
    return rdd;
  }
}
