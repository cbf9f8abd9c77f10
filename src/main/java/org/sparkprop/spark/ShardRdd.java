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
  private final int rows;

  private ShardRdd(JavaRDD<Shard> rdd, List<Broadcast<Shard>> pieces, int rows) {
    this.rdd = rdd;
    this.pieces = pieces;
    this.rows = rows;
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
    if (sc.getCheckpointDir().isPresent()) {
      // Cut the lineage at the packed shards: a lost partition is read back, not rebuilt.
      rdd.checkpoint();
    }
    long cached = rdd.count();
    if (cached != partitions) {
      throw new IllegalStateException("expected " + partitions + " shards, got " + cached);
    }
    return new ShardRdd(rdd, handles, samples.rows());
  }

  /**
   * Packs distributed rows (e.g. read from files on the executors) into {@code partitions} cached
   * shards, row i of the RDD's order going to shard i mod P: one shuffle, once. The cache keeps
   * its lineage, so a lost partition is rebuilt from the source.
   */
  public static ShardRdd fromRows(JavaRDD<SampleRow> rows, int partitions, int inputs,
      int outputs) {
    long count = rows.count();
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("data has " + count + " rows; at most "
          + Integer.MAX_VALUE + " are supported");
    }
    int total = (int) count;
    JavaRDD<Shard> rdd = rows.zipWithIndex()
        .mapToPair(pair -> new scala.Tuple2<>(pair._2(), pair._1()))
        .partitionBy(new ShardPartitioner(partitions))
        .mapPartitionsWithIndex((p, it) -> {
          java.util.List<scala.Tuple2<Long, SampleRow>> local = new java.util.ArrayList<>();
          it.forEachRemaining(local::add);
          // Local row r is sample r·P + p: sorting by the global index gives that order.
          local.sort(java.util.Comparator.comparingLong(scala.Tuple2::_1));
          float[] x = new float[local.size() * inputs];
          float[] t = new float[local.size() * outputs];
          float[] w = new float[local.size()];
          boolean weighted = false;
          for (int r = 0; r < local.size(); r++) {
            SampleRow row = local.get(r)._2();
            w[r] = row.w();
            weighted |= row.w() != 1f;
            if (row.x().length != inputs || row.t().length != outputs) {
              throw new IllegalArgumentException("row " + local.get(r)._1() + " has "
                  + row.x().length + " inputs and " + row.t().length + " targets; expected "
                  + inputs + " and " + outputs);
            }
            System.arraycopy(row.x(), 0, x, r * inputs, inputs);
            System.arraycopy(row.t(), 0, t, r * outputs, outputs);
          }
          Shard shard = new Shard(p, partitions, total,
              new Samples(x, t, local.size(), inputs, outputs, weighted ? w : null));
          return java.util.List.of(shard).iterator();
        }, true)
        .setName("sparkprop shards (" + total + " rows x " + inputs + ")")
        .persist(StorageLevel.MEMORY_ONLY());
    if (rows.context().getCheckpointDir().isDefined()) {
      rdd.checkpoint();
    }
    rdd.count();
    return new ShardRdd(rdd, List.of(), total);
  }

  /** N, the number of samples over all shards. */
  public int rows() {
    return rows;
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
