package org.sparkprop.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;

/**
 * Driver-side samples packed into one dense {@link Shard} per partition and cached, so that every
 * iteration reads float blocks in place: no per-row objects, no parsing, no reshipping.
 *
 * <p>Each shard travels once, as its own broadcast: an RDD made by {@code parallelize} would keep
 * the data inside its partitions and ship it again with every task of every iteration. The cached
 * partitions are rebuilt from the broadcasts if an executor loses them, and each executor fetches
 * only the shards it computes.
 */
public final class ShardRdd implements AutoCloseable {

  private final JavaRDD<Shard> rdd;
  private final List<Broadcast<Shard>> pieces;

  private ShardRdd(JavaRDD<Shard> rdd, List<Broadcast<Shard>> pieces) {
    this.rdd = rdd;
    this.pieces = pieces;
  }

  /**
   * Splits {@code samples} into {@code partitions} shards (sample i to partition i mod P) and
   * caches them; partition p holds exactly shard p. Materializes the cache before returning, so
   * the first iteration is not charged for it.
   */
  public static ShardRdd fromSamples(JavaSparkContext sc, Samples samples, int partitions) {
    List<Broadcast<Shard>> pieces = new ArrayList<>();
    for (Shard shard : Shard.split(samples, partitions)) {
      pieces.add(sc.broadcast(shard));
    }
    List<Broadcast<Shard>> handles = List.copyOf(pieces);
    List<Integer> indices = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
    // One index per slice: parallelize keeps list order, so partition p reads shard p.
    JavaRDD<Shard> rdd = sc.parallelize(indices, partitions)
        .map(p -> handles.get(p).value())
        .setName("sparkprop shards (" + samples.rows() + " rows x " + samples.inputs() + ")")
        .persist(StorageLevel.MEMORY_ONLY());
    long cached = rdd.count();
    if (cached != partitions) {
      throw new IllegalStateException("expected " + partitions + " shards, got " + cached);
    }
    return new ShardRdd(rdd, handles);
  }

  /** The cached shards, one per partition. */
  public JavaRDD<Shard> rdd() {
    return rdd;
  }

  /** Frees the cache and the broadcast pieces. */
  @Override
  public void close() {
    rdd.unpersist(false);
    for (Broadcast<Shard> piece : pieces) {
      piece.destroy();
    }
  }
}
