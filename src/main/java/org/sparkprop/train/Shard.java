package org.sparkprop.train;

import java.io.Serializable;
import org.sparkprop.tensor.Csr;

/**
 * One shard's samples packed as dense blocks: shard {@code index} of {@code count} holds the
 * samples i ≡ index (mod count) of a set of {@code totalRows}, local row r being sample
 * r·count + index (see {@link BatchPlan}).
 */
public record Shard(int index, int count, int totalRows, Samples samples, SoftTargets soft)
    implements Serializable {

  /** A shard without a teacher's soft targets. */
  public Shard(int index, int count, int totalRows, Samples samples) {
    this(index, count, totalRows, samples, null);
  }

  public Shard {
    if (soft != null && (soft.rows() != samples.rows() || soft.classes() != samples.outputs())) {
      throw new IllegalArgumentException("soft targets of " + soft.rows() + " x "
          + soft.classes() + " do not match the shard's " + samples.rows() + " x "
          + samples.outputs() + " targets");
    }
  }

  /** This shard with a teacher's soft targets beside its samples. */
  public Shard withSoftTargets(SoftTargets targets) {
    return new Shard(index, count, totalRows, samples, targets);
  }

  /**
   * Splits {@code all} into {@code count} shards by i mod count; weights and the flags of rows
   * without a label go with their rows.
   */
  public static Shard[] split(Samples all, int count) {
    if (all.isSparse()) {
      return splitSparse(all, count);
    }
    BatchPlan layout = new BatchPlan(count, 1, 0);
    Shard[] shards = new Shard[count];
    int in = all.inputs();
    int out = all.outputs();
    for (int p = 0; p < count; p++) {
      int rows = layout.shardRows(all.rows(), p);
      float[] x = new float[rows * in];
      float[] t = new float[rows * out];
      float[] w = all.w() == null ? null : new float[rows];
      boolean[] unlabeled = all.unlabeled() == null ? null : new boolean[rows];
      for (int r = 0; r < rows; r++) {
        int i = r * count + p;
        System.arraycopy(all.x(), i * in, x, r * in, in);
        System.arraycopy(all.t(), i * out, t, r * out, out);
        if (w != null) {
          w[r] = all.w()[i];
        }
        if (unlabeled != null) {
          unlabeled[r] = all.unlabeled()[i];
        }
      }
      shards[p] = new Shard(p, count, all.rows(),
          new Samples(x, t, rows, in, out, w, null, unlabeled));
    }
    return shards;
  }

  private static Shard[] splitSparse(Samples all, int count) {
    BatchPlan layout = new BatchPlan(count, 1, 0);
    Shard[] shards = new Shard[count];
    Csr x = all.sparse();
    int out = all.outputs();
    for (int p = 0; p < count; p++) {
      int rows = layout.shardRows(all.rows(), p);
      int[] start = new int[rows + 1];
      for (int r = 0; r < rows; r++) {
        int i = r * count + p;
        start[r + 1] = start[r] + x.rowStart()[i + 1] - x.rowStart()[i];
      }
      int[] index = new int[start[rows]];
      float[] value = new float[start[rows]];
      float[] t = new float[rows * out];
      float[] w = all.w() == null ? null : new float[rows];
      boolean[] unlabeled = all.unlabeled() == null ? null : new boolean[rows];
      for (int r = 0; r < rows; r++) {
        int i = r * count + p;
        int from = x.rowStart()[i];
        System.arraycopy(x.index(), from, index, start[r], start[r + 1] - start[r]);
        System.arraycopy(x.value(), from, value, start[r], start[r + 1] - start[r]);
        System.arraycopy(all.t(), i * out, t, r * out, out);
        if (w != null) {
          w[r] = all.w()[i];
        }
        if (unlabeled != null) {
          unlabeled[r] = all.unlabeled()[i];
        }
      }
      shards[p] = new Shard(p, count, all.rows(),
          Samples.sparse(new Csr(rows, x.columns(), start, index, value), t, out, w)
              .withUnlabeled(unlabeled));
    }
    return shards;
  }

  public int rows() {
    return samples.rows();
  }
}
