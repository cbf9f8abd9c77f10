package org.sparkprop.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sparkprop.train.IndexPermutation;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;
import org.sparkprop.train.Teacher;
import org.sparkprop.train.Sparsity;
import scala.Option;

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

  /** Held while the context's checkpoint directory is switched ({@link #checkpointInto}). */
  private static final Object CHECKPOINT_DIRECTORY = new Object();

  private final JavaRDD<Shard> rdd;
  private final List<? extends Broadcast<?>> pieces;
  private final int rows;
  private final int shards;
  private final boolean sparse;
  private boolean closed;

  private ShardRdd(JavaRDD<Shard> rdd, List<? extends Broadcast<?>> pieces, int rows,
      int shards, boolean sparse) {
    this.rdd = rdd;
    this.pieces = pieces;
    this.rows = rows;
    this.shards = shards;
    this.sparse = sparse;
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
    // Cut the lineage at the packed shards: a lost partition is read back, not rebuilt.
    checkpointIfSet(rdd);
    long cached = rdd.count();
    if (cached != partitions) {
      throw new IllegalStateException("expected " + partitions + " shards, got " + cached);
    }
    return new ShardRdd(rdd, handles, samples.rows(), partitions, samples.isSparse());
  }

  /**
   * Packs distributed rows (e.g. read from files on the executors) into cached shards at
   * {@code level}, one partition per shard, row i of the RDD's order going to shard i mod P as
   * local row i / P: two passes over the source (one counts, one shuffles), once; one pass where
   * the source knows its counts ({@link #fromInput}). Each task knows
   * its shard's row count from N and P, so it fills dense arrays of exactly that size as the rows
   * arrive (no list of boxed rows: packing needs the shard's float32 size plus the shuffle's
   * buffers). The cache keeps its lineage, so a lost partition is rebuilt from the source.
   * Shards too large for one Java array are split into bounded blocks, see
   * {@link #fromRows(JavaRDD, int, int, int, StorageLevel, Long)}.
   */
  public static ShardRdd fromRows(JavaRDD<SampleRow> rows, int partitions, int inputs,
      int outputs, StorageLevel level) {
    return fromRows(rows, partitions, inputs, outputs, level, null);
  }

  /**
   * As {@link #fromRows(JavaRDD, int, int, int, StorageLevel)}, with the rows spread over the
   * shards at random: row i of the RDD's order becomes sample π(i) of a seeded
   * {@link IndexPermutation} (null: the RDD's order), so that a source sorted by class or by time
   * does not give a shard one kind of row. The shards depend on (seed, the source's order), not
   * on how the source is partitioned.
   *
   * <p>Bounded blocks: when a partition's rows would hold more floats than one Java array can
   * (2^31 − 9), each partition holds K blocks instead of one, K the smallest that fits: the data is
   * cut into L = P·K logical shards (sample i to shard i mod L, which lives in partition i mod P),
   * and the batch plan has L shards ({@link #shards()}), so the batches are those of an L-shard
   * run on P partitions.
   */
  public static ShardRdd fromRows(JavaRDD<SampleRow> rows, int partitions, int inputs,
      int outputs, StorageLevel level, Long shuffleSeed) {
    return fromRows(rows, partitions, inputs, outputs, level, shuffleSeed, null);
  }

  /**
   * As {@link #fromRows(JavaRDD, int, int, int, StorageLevel, Long)}, with the packed shards
   * checkpointed by Spark into {@code checkpointDir} (cutting their lineage: a lost partition is
   * read back, not rebuilt from the source) while the context's own checkpoint directory stays
   * as it was. With a null {@code checkpointDir} the shards are checkpointed only where the
   * context has a checkpoint directory (set by the application).
   */
  public static ShardRdd fromRows(JavaRDD<SampleRow> rows, int partitions, int inputs,
      int outputs, StorageLevel level, Long shuffleSeed, String checkpointDir) {
    return fromRows(rows, partitions, inputs, outputs, level, shuffleSeed, checkpointDir,
        MAX_ARRAY);
  }

  /** As above, with blocks of at most {@code maxFloats} floats (tests use small ones). */
  static ShardRdd fromRows(JavaRDD<SampleRow> rows, int partitions, int inputs, int outputs,
      StorageLevel level, Long shuffleSeed, String checkpointDir, long maxFloats) {
    return fromInput(ShardInput.of(rows, inputs, outputs), partitions, level, shuffleSeed,
        checkpointDir, maxFloats);
  }

  /**
   * As {@link #fromRows(JavaRDD, int, int, int, StorageLevel, Long, String)}, from any items
   * that {@code input}'s writer turns into samples. Where the input knows how many items each of
   * its partitions holds, the pass that counts them is skipped: the packing is then one pass over
   * the source. The items cross the shuffle as they are and become samples where they are packed,
   * written in place into the shard's arrays: IDX items as their bytes, a quarter of their
   * floats.
   */
  public static ShardRdd fromInput(ShardInput<?> input, int partitions, StorageLevel level,
      Long shuffleSeed, String checkpointDir) {
    return fromInput(input, partitions, level, shuffleSeed, checkpointDir, MAX_ARRAY,
        Sparsity.DENSE);
  }

  /**
   * As {@link #fromInput(ShardInput, int, StorageLevel, Long, String)}, the inputs held as
   * {@code sparsity} says: sparse shards hold compressed sparse rows ({@link Samples#sparse()}),
   * packed where the shards are from each row's stored entries (a sparse row is never densified).
   * For {@code auto} the pass that counts the rows also counts their stored entries, and the data
   * set is held sparse when {@link Sparsity#holdsSparse} says so (a source that knows its counts,
   * IDX, is dense).
   */
  public static ShardRdd fromInput(ShardInput<?> input, int partitions, StorageLevel level,
      Long shuffleSeed, String checkpointDir, Sparsity sparsity) {
    return fromInput(input, partitions, level, shuffleSeed, checkpointDir, MAX_ARRAY, sparsity);
  }

  /** As above, with blocks of at most {@code maxFloats} floats (tests use small ones). */
  static <T> ShardRdd fromInput(ShardInput<T> input, int partitions, StorageLevel level,
      Long shuffleSeed, String checkpointDir, long maxFloats) {
    return fromInput(input, partitions, level, shuffleSeed, checkpointDir, maxFloats,
        Sparsity.DENSE);
  }

  static <T> ShardRdd fromInput(ShardInput<T> input, int partitions, StorageLevel level,
      Long shuffleSeed, String checkpointDir, long maxFloats, Sparsity sparsity) {
    JavaRDD<T> rows = input.items();
    SampleWriter<T> writer = input.writer();
    int inputs = writer.inputs();
    int outputs = writer.outputs();
    long[] counts;
    boolean sparse;
    if (sparsity == Sparsity.AUTO && input.partitionRows() == null) {
      long[][] stats = countStored(rows, writer);
      counts = new long[stats.length];
      long all = 0;
      long dense = 0;
      long stored = 0;
      for (int p = 0; p < stats.length; p++) {
        counts[p] = stats[p][0];
        all += stats[p][0];
        dense += stats[p][1];
        stored += stats[p][2];
      }
      sparse = sparsity.holdsSparse(all, dense, stored, inputs);
    } else {
      counts = input.partitionRows() != null ? input.partitionRows() : count(rows);
      sparse = sparsity == Sparsity.SPARSE;
    }
    long[] offsets = new long[counts.length];
    long count = 0;
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = count;
      count += counts[i];
    }
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("data has " + count + " rows; at most "
          + Integer.MAX_VALUE + " are supported");
    }
    int total = (int) count;
    IndexPermutation order = shuffleSeed == null || total == 0 ? null
        : new IndexPermutation(total, shuffleSeed);
    // Sparse shards hold their inputs apart, in arrays of their own (checked where packed).
    int width = sparse ? outputs : Math.max(inputs, outputs);
    long perPartition = (total + partitions - 1L) / partitions;
    int blocks = (int) Math.max(1, (perPartition * width + maxFloats - 1) / maxFloats);
    while ((total + (long) partitions * blocks - 1) / ((long) partitions * blocks) * width
        > maxFloats) {
      blocks++;
    }
    int shards = partitions * blocks;
    int k = blocks;
    String name = "sparkprop shards (" + total + " rows x " + inputs + (sparse ? ", sparse)" : ")");
    JavaRDD<Shard> rdd;
    if (input.whole() != null && input.partitionRows() != null
        && partitions <= WHOLE_READ_MAX_PARTITIONS) {
      // Each task reads the whole source and packs the rows of its own partition: no shuffle.
      org.apache.spark.api.java.function.Function0<java.util.Iterator<T>> whole = input.whole();
      List<Integer> ids = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
      rdd = JavaSparkContext.fromSparkContext(rows.context()).parallelize(ids, partitions)
          .mapPartitionsWithIndex((p, ignored) -> pack(p, ownRows(p, partitions, whole.call(),
              total, order), k, partitions, shards, total, sparse, writer), true);
    } else {
      rdd = rows.mapPartitionsWithIndex((p, it) -> {
            long[] next = {offsets[p]};
            long end = offsets[p] + counts[p];
            java.util.Iterator<scala.Tuple2<Long, T>> indexed =
                new java.util.Iterator<>() {
              @Override
              public boolean hasNext() {
                return it.hasNext();
              }

              @Override
              public scala.Tuple2<Long, T> next() {
                long i = next[0]++;
                if (i >= end) {
                  throw new IllegalStateException("partition " + p + " has more than the "
                      + counts[p] + " rows its source counted");
                }
                return new scala.Tuple2<>(order == null ? i : order.apply(i), it.next());
              }
            };
            return indexed;
          }, true)
          .mapToPair(pair -> pair)
          .partitionBy(new ShardPartitioner(partitions))
          .mapPartitionsWithIndex((p, it) -> pack(p, it, k, partitions, shards, total, sparse,
              writer), true);
    }
    rdd.setName(name).persist(level);
    if (checkpointDir != null) {
      checkpointInto(rdd, checkpointDir);
    } else {
      checkpointIfSet(rdd);
    }
    try {
      rdd.count();
    } catch (Throwable e) { // SparkException is checked, but Scala throws it undeclared
      rdd.unpersist(false);
      throw e;
    }
    return new ShardRdd(rdd, List.of(), total, shards, sparse);
  }

  /**
   * Packs partition {@code p}'s rows, each with its global index g (its place in the spread
   * order), into its {@code k} blocks: row g is row g / shards of logical shard g mod shards,
   * which is block (g mod shards) / partitions of partition g mod partitions. Where a row lands
   * depends on g alone, not on the order the rows arrive in.
   */
  private static <T> java.util.Iterator<Shard> pack(int p,
      java.util.Iterator<scala.Tuple2<Long, T>> it, int k, int partitions, int shards, int total,
      boolean sparse, SampleWriter<T> writer) {
    int inputs = writer.inputs();
    int outputs = writer.outputs();
    // Block j of partition p is logical shard p + j·P.
    int[] local = new int[k];
    float[][] x = new float[k][];
    float[][] t = new float[k][];
    float[][] w = new float[k][];
    boolean[][] unlabeled = new boolean[k][];
    CsrPacker[] csr = new CsrPacker[k];
    for (int j = 0; j < k; j++) {
      int s = p + j * partitions;
      local[j] = total / shards + (s < total % shards ? 1 : 0);
      x[j] = new float[sparse ? 0 : local[j] * inputs];
      t[j] = new float[local[j] * outputs];
      csr[j] = sparse ? new CsrPacker(local[j], inputs) : null;
    }
    int[] seen = new int[k];
    while (it.hasNext()) {
      scala.Tuple2<Long, T> next = it.next();
      long g = next._1();
      int j = (int) (Math.floorMod(g, (long) shards) / partitions);
      int r = (int) (g / shards);
      if (r >= local[j]) {
        throw new IllegalStateException("shard " + (p + j * partitions) + " received row "
            + g + ", beyond its " + local[j] + " rows");
      }
      float wr;
      if (sparse) {
        SampleRow row = writer.row(next._2());
        if (row.t().length != outputs) {
          throw new IllegalArgumentException("a row has " + row.t().length
              + " targets; expected " + outputs);
        }
        csr[j].put(r, row);
        System.arraycopy(row.t(), 0, t[j], r * outputs, outputs);
        wr = row.w();
      } else {
        wr = writer.write(next._2(), x[j], r * inputs, t[j], r * outputs);
      }
      if (wr != 1f && w[j] == null) {
        w[j] = new float[local[j]];
        java.util.Arrays.fill(w[j], 1f);
      }
      if (w[j] != null) {
        w[j][r] = wr;
      }
      if (!writer.hasLabel(next._2())) {
        if (unlabeled[j] == null) {
          unlabeled[j] = new boolean[local[j]];
        }
        unlabeled[j][r] = true;
      }
      seen[j]++;
    }
    List<Shard> packed = new java.util.ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      if (seen[j] != local[j]) {
        throw new IllegalStateException("shard " + (p + j * partitions) + " received "
            + seen[j] + " rows, expected " + local[j]);
      }
      packed.add(new Shard(p + j * partitions, shards, total, sparse
          ? Samples.sparse(csr[j].build(), t[j], outputs, w[j]).withUnlabeled(unlabeled[j])
          : new Samples(x[j], t[j], local[j], inputs, outputs, w[j], null, unlabeled[j])));
    }
    return packed.iterator();
  }

  /**
   * The rows of partition {@code p} among all of a source's {@code total} items in their order,
   * each with its global index (row i's is π(i), or i without a spread), as the shuffle of
   * {@link #fromInput} delivers them.
   */
  private static <T> java.util.Iterator<scala.Tuple2<Long, T>> ownRows(int p, int partitions,
      java.util.Iterator<T> all, int total, IndexPermutation order) {
    return new java.util.Iterator<>() {
      private long i;
      private scala.Tuple2<Long, T> ahead;

      @Override
      public boolean hasNext() {
        while (ahead == null && all.hasNext()) {
          if (i >= total) {
            throw new IllegalStateException("the source has more than the " + total
                + " rows it counted");
          }
          long g = order == null ? i : order.apply(i);
          i++;
          T item = all.next();
          if (Math.floorMod(g, (long) partitions) == p) {
            ahead = new scala.Tuple2<>(g, item);
          }
        }
        return ahead != null;
      }

      @Override
      public scala.Tuple2<Long, T> next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        scala.Tuple2<Long, T> row = ahead;
        ahead = null;
        return row;
      }
    };
  }

  /**
   * The most partitions whose tasks each read a whole source that one task reads from start to
   * end anyway (a gzipped IDX file), rather than have that task spread it by a shuffle: every
   * task then decompresses the whole file, once per partition.
   */
  static final int WHOLE_READ_MAX_PARTITIONS = 8;

  /**
   * One pass that counts every partition's rows (rows are checked as they are read), so that the
   * packing pass can number them: the global index is the row's place in the RDD's order.
   */
  private static long[] count(JavaRDD<?> rows) {
    List<Long> counts = rows.mapPartitions(it -> {
      long n = 0;
      for (; it.hasNext(); it.next()) {
        n++;
      }
      return List.of(n).iterator();
    }).collect();
    return counts.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * One pass that counts, per partition, the rows, those that arrive dense, and the inputs they
   * store (a dense row's non-zeros), so that {@code auto} can choose how to hold them.
   */
  private static <T> long[][] countStored(JavaRDD<T> rows, SampleWriter<T> writer) {
    List<long[]> counts = rows.mapPartitions(it -> {
      long[] c = new long[3];
      while (it.hasNext()) {
        SampleRow row = writer.row(it.next());
        c[0]++;
        c[1] += row.isSparse() ? 0 : 1;
        c[2] += row.nonZeros();
      }
      return List.of(c).iterator();
    }).collect();
    return counts.toArray(new long[0][]);
  }

  /**
   * Marks {@code rdd} for a reliable checkpoint in {@code dir} and puts the context's checkpoint
   * directory back as it was. Spark fixes an RDD's checkpoint path when the checkpoint is asked
   * for, from the one directory of the context; so the directory is switched for that moment,
   * under a lock, for fits that run side by side in one context. The public API can set the
   * directory but not unset it: the previous value (none, most often) is put back through the
   * context's own field.
   */
  /**
   * Marks {@code rdd} for checkpointing when the context has a checkpoint directory of its own,
   * under the lock of {@link #checkpointInto}: a set packed alongside may switch the directory
   * for a moment, and the check and the mark must see the same one.
   */
  private static void checkpointIfSet(JavaRDD<?> rdd) {
    synchronized (CHECKPOINT_DIRECTORY) {
      if (rdd.context().getCheckpointDir().isDefined()) {
        rdd.checkpoint();
      }
    }
  }

  private static void checkpointInto(JavaRDD<?> rdd, String dir) {
    SparkContext sc = rdd.context();
    synchronized (CHECKPOINT_DIRECTORY) {
      Option<String> before = sc.checkpointDir();
      try {
        sc.setCheckpointDir(dir);
        rdd.checkpoint();
      } finally {
        sc.checkpointDir_$eq(before);
      }
    }
  }

  /** As {@link #fromRows(JavaRDD, int, int, int, StorageLevel)}, cached in memory and on disk. */
  public static ShardRdd fromRows(JavaRDD<SampleRow> rows, int partitions, int inputs,
      int outputs) {
    return fromRows(rows, partitions, inputs, outputs, StorageLevel.MEMORY_AND_DISK());
  }

  /** The largest Java array this packs into. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /**
   * How many of the shards some block manager holds now (memory or disk), as the block manager
   * master knows it: a block is reported to it when it is stored, before the task ends.
   */
  public int cachedPartitions() {
    org.apache.spark.storage.BlockManagerMaster master =
        org.apache.spark.SparkEnv.get().blockManager().master();
    int cached = 0;
    for (int p = 0; p < rdd.getNumPartitions(); p++) {
      if (!master.getLocations(new org.apache.spark.storage.RDDBlockId(rdd.id(), p)).isEmpty()) {
        cached++;
      }
    }
    return cached;
  }

  /**
   * The number of shards the batch plan must have: the partitions, times the blocks per
   * partition when shards had to be split.
   */
  public int shards() {
    return shards;
  }

  /** True when the shards hold their inputs as compressed sparse rows. */
  public boolean isSparse() {
    return sparse;
  }

  /** N, the number of samples over all shards. */
  public int rows() {
    return rows;
  }

  /** The cached shards, one per partition. */
  public JavaRDD<Shard> rdd() {
    return rdd;
  }

  /**
   * These shards with the soft targets of {@code teacher} beside each one's samples, computed on
   * the executors (the teacher travels once, as a broadcast) and cached at this cache's storage
   * level; this cache is released once the new one holds its shards. Close the result (it frees
   * the teacher's broadcast) as well as this one.
   */
  public ShardRdd withSoftTargets(JavaSparkContext sc, Teacher teacher) {
    Broadcast<Teacher> shared = sc.broadcast(teacher);
    StorageLevel level = rdd.getStorageLevel() == StorageLevel.NONE()
        ? StorageLevel.MEMORY_AND_DISK() : rdd.getStorageLevel();
    JavaRDD<Shard> taught = rdd
        .map(shard -> shard.withSoftTargets(shared.value().softTargets(shard.samples())))
        .setName(rdd.name() + " with soft targets")
        .persist(level);
    long cached = taught.count();
    if (cached != shards) {
      throw new IllegalStateException("expected " + shards + " shards with soft targets, got "
          + cached);
    }
    rdd.unpersist(false);
    return new ShardRdd(taught, List.of(shared), rows, shards, sparse);
  }

  /** Frees the cache and the broadcast pieces; closing again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    rdd.unpersist(false);
    for (Broadcast<?> piece : pieces) {
      piece.destroy();
    }
  }
}
