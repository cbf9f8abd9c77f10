package org.sparkprop.train;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.sparkprop.augment.Augmentation;

/**
 * Which samples every update sees, for N samples split over P shards.
 *
 * <p>Sample i (0 ≤ i &lt; N) belongs to shard i mod P at local row i div P, so shard sizes differ
 * by at most one. An epoch walks positions q = 0 … N−1 in batches of B: batch b holds positions
 * [bB, min(N, (b+1)B)); position q is served by shard q mod P from its local position q div P,
 * which a per-epoch permutation of the shard (seeded by seed, epoch and shard) maps to a row. So
 * the shares of one batch differ by at most one row, every sample is seen once per epoch, and the
 * order depends only on (seed, epoch, P), never on where the shards are computed: an in-memory
 * run and a Spark run with the same plan see identical batches.
 *
 * <p>Every training row a batch sees is first changed by {@code augment} (flips, shifts, noise
 * and the rest of {@link Augmentation}), with draws from (seed, epoch, global sample index): the
 * same whichever shard or task serves it, so a retried task and a resumed run change it alike
 * (data augmentation and noise injection, docs/augmentation.md).
 */
public record BatchPlan(int shards, int batchSize, long seed, Augmentation augment)
    implements Serializable {

  /** A plan without augmentation. */
  public BatchPlan(int shards, int batchSize, long seed) {
    this(shards, batchSize, seed, Augmentation.NONE);
  }

  /** A plan whose only augmentation is Gaussian input noise of standard deviation σ. */
  public BatchPlan(int shards, int batchSize, long seed, float inputNoise) {
    this(shards, batchSize, seed, Augmentation.noise(inputNoise));
  }

  public BatchPlan {
    if (augment == null) {
      augment = Augmentation.NONE;
    }
    if (shards < 1) {
      throw new IllegalArgumentException("partitions is " + shards + "; it must be at least 1");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize is " + batchSize + "; it must be at least 1");
    }
  }

  /** Rows held by shard p: the count of i &lt; N with i mod P = p. */
  public int shardRows(int rows, int shard) {
    return rows <= shard ? 0 : (rows - shard + shards - 1) / shards;
  }

  /** Updates per epoch: ⌈N/B⌉. */
  public int iterations(int rows) {
    return (rows + batchSize - 1) / batchSize;
  }

  /** The most rows one shard serves in one batch: ⌈B/P⌉. */
  public int maxShare() {
    return (batchSize + shards - 1) / shards;
  }

  /** The order in which shard p visits its {@code shardRows} rows during {@code epoch}. */
  public int[] permutation(int epoch, int shard, int shardRows) {
    int[] order = new int[shardRows];
    for (int i = 0; i < shardRows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(mix(seed, epoch, shard));
    for (int i = shardRows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  /**
   * Writes into {@code out} the local rows that shard p contributes to batch {@code iteration}
   * of an epoch whose shard order is {@code permutation}; returns how many.
   */
  public int share(int rows, int iteration, int shard, int[] permutation, int[] out) {
    long start = (long) iteration * batchSize;
    long end = Math.min(rows, start + batchSize);
    long first = start + Math.floorMod(shard - start, (long) shards);
    int count = 0;
    for (long q = first; q < end; q += shards) {
      out[count++] = permutation[(int) (q / shards)];
    }
    return count;
  }

  /**
   * The seed of the drop-out masks of one shard's share of one batch: a function of (seed, epoch,
   * iteration, shard) only, so that a retried task draws the same masks.
   */
  public long dropoutSeed(int epoch, int iteration, int shard) {
    return mix(mix(seed, epoch, shard), iteration, -11);
  }

  private static long mix(long seed, int epoch, int shard) {
    long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1) + 0xC2B2AE3D27D4EB4FL * (shard + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
