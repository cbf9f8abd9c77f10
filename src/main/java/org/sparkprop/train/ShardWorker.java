package org.sparkprop.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkprop.augment.Augmentation;
import org.sparkprop.nn.Distillation;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.QuantizedForward;
import org.sparkprop.nn.SparseInputException;
import org.sparkprop.nn.Workspace;
import org.sparkprop.tensor.Csr;

/**
 * The per-shard computation of one update, the same wherever it runs (in memory or in a Spark
 * task): gather the shard's share of the batch into reused buffers, run forward and backward with
 * gemm over whole chunks, add the gradient sum into an accumulator.
 *
 * <p>A worker keeps its buffers and the current epoch's shard order between calls, so a task
 * thread that serves many iterations allocates nothing per iteration. Not thread-safe: one per
 * thread.
 */
public final class ShardWorker {

  /** Rows per gemm call: large enough for BLAS to run near peak, small enough for the caches. */
  public static final int CHUNK_ROWS = 2048;

  private final Network network;
  private final Workspace workspace;
  private int[] share = new int[0];
  private float[] weights = new float[0];
  private float[] scratch = new float[0];
  private float[] soft = new float[0];
  /** The flags of a chunk's rows without a label, gathered from a shard that has some. */
  private boolean[] chunkUnlabeled = new boolean[0];
  /** The teacher's buffers, made when it first labels augmented rows. */
  private Workspace teacherWorkspace;
  /** A chunk's sparse inputs, gathered from a sparse shard: row starts, columns, values. */
  private int[] chunkStart = new int[1];
  private int[] chunkIndex = new int[0];
  private float[] chunkValue = new float[0];
  /**
   * The current epoch's order of the shards this worker served last, by shard index: a Spark task
   * thread is handed whichever shard is next, so with one order cached per worker two threads
   * trading two shards recomputed a permutation of the whole shard in about half of the tasks.
   */
  private final Map<Integer, EpochOrder> orders = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, EpochOrder> eldest) {
      return size() > CACHED_ORDERS;
    }
  };

  /**
   * Shard orders kept per worker: every shard a thread meets with up to 4 partitions; beyond,
   * some are recomputed (about 0.15 ms per 30,000 rows), which bounds the memory to 4 orders.
   */
  static final int CACHED_ORDERS = 4;

  /** One shard's visiting order in one epoch of one plan. */
  private record EpochOrder(int epoch, int shards, long seed, int[] order) {}

  public ShardWorker(Network network) {
    this.network = network;
    this.workspace = network.newWorkspace(256);
  }

  public Network network() {
    return network;
  }

  /**
   * Adds to {@code into} the gradient sum of the rows of {@code shard} that batch
   * {@code iteration} of {@code epoch} takes under {@code plan}.
   */
  public void accumulate(float[] theta, Shard shard, BatchPlan plan, int epoch, int iteration,
      GradientSum into) {
    accumulate(theta, shard, plan, epoch, iteration, null, into);
  }

  /**
   * As {@link #accumulate(float[], Shard, BatchPlan, int, int, GradientSum)}, visiting the shard's
   * rows in {@code order} (e.g. easiest first) instead of the plan's random permutation when it is
   * not null.
   */
  public void accumulate(float[] theta, Shard shard, BatchPlan plan, int epoch, int iteration,
      int[] order, GradientSum into) {
    int rows = shard.rows();
    if (rows == 0) {
      return;
    }
    int[] perm = order != null ? order : order(plan, epoch, shard);
    if (share.length < plan.maxShare()) {
      share = new int[plan.maxShare()];
    }
    int count = plan.share(shard.totalRows(), iteration, shard.index(), perm, share);
    if (count == 0) {
      return;
    }
    // Batch-norm statistics of each block ride behind the gradient (none without batch norm).
    float[] grad = into.gradient(network.parameterCount() + network.batchStatisticsLength());
    Augmentation augment = plan.augment();
    Samples s = shard.samples();
    int in = s.inputs();
    int out = s.outputs();
    if (s.isSparse() && !augment.isIdentity()) {
      throw new SparseInputException("augment.* or inputNoise", augment.toString(),
          "augmentations change every input of a row");
    }
    SoftTargets teacher = shard.soft();
    if (teacher != null && soft.length < Math.min(count, CHUNK_ROWS) * out) {
      soft = new float[Math.min(plan.maxShare(), CHUNK_ROWS) * out];
    }
    for (int from = 0; from < count; from += CHUNK_ROWS) {
      int n = Math.min(CHUNK_ROWS, count - from);
      workspace.ensure(n);
      float[] x = s.isSparse() ? null : workspace.inputs();
      float[] t = workspace.targets();
      Csr chunk = null;
      if (s.isSparse()) {
        chunk = gather(s.sparse(), from, n);
        for (int r = 0; r < n; r++) {
          System.arraycopy(s.t(), share[from + r] * out, t, r * out, out);
        }
      } else {
        for (int r = 0; r < n; r++) {
          int row = share[from + r];
          System.arraycopy(s.x(), row * in, x, r * in, in);
          System.arraycopy(s.t(), row * out, t, r * out, out);
        }
      }
      if (teacher != null) {
        for (int r = 0; r < n; r++) {
          System.arraycopy(teacher.p(), share[from + r] * out, soft, r * out, out);
        }
      }
      if (!augment.isIdentity()) {
        if (scratch.length < in) {
          scratch = new float[in];
        }
        for (int r = 0; r < n; r++) {
          // Local row l of shard p of P holds sample l·P + p (see Shard).
          long sample = (long) share[from + r] * shard.count() + shard.index();
          augment.apply(x, r * in, in, plan.seed(), epoch, sample, scratch);
        }
        if (teacher != null) {
          // An augmented row is a new input: the teacher says what it is.
          if (teacherWorkspace == null) {
            teacherWorkspace = teacher.teacher().network().newWorkspace(n);
          }
          teacherWorkspace.ensure(n);
          teacher.teacher().softTargets(x, n, teacherWorkspace, soft);
        }
      }
      boolean[] unlabeled = null;
      if (s.unlabeled() != null) {
        // A row keeps its flag wherever the batch puts it, augmented or not.
        if (chunkUnlabeled.length < n) {
          chunkUnlabeled = new boolean[Math.max(n, CHUNK_ROWS)];
        }
        unlabeled = chunkUnlabeled;
        for (int r = 0; r < n; r++) {
          unlabeled[r] = s.unlabeled()[share[from + r]];
          if (unlabeled[r] && teacher == null) {
            throw new IllegalStateException("row " + share[from + r] + " of shard "
                + shard.index() + " has no label and the shard no soft targets: rows without a"
                + " label learn from a teacher's soft targets only (distill.teacher)");
          }
        }
      }
      float[] w = null;
      double weight = n;
      if (s.w() != null) {
        if (weights.length < n) {
          weights = new float[Math.max(n, CHUNK_ROWS)];
        }
        w = weights;
        weight = 0;
        for (int r = 0; r < n; r++) {
          w[r] = s.w()[share[from + r]];
          weight += w[r];
        }
      }
      long seed = plan.dropoutSeed(epoch, iteration, shard.index()) + from;
      Distillation distill = teacher == null ? null : teacher.distillation();
      double loss = chunk != null
          ? network.gradient(theta, chunk, 0, t, 0, w, 0, n, workspace, grad, seed, soft, 0,
              unlabeled, 0, distill)
          : network.gradient(theta, x, 0, t, 0, w, 0, n, workspace, grad, seed, soft, 0,
              unlabeled, 0, distill);
      network.addBatchStatistics(workspace, grad, network.parameterCount());
      if (teacher != null && unlabeled != null) {
        // A row without a label is counted right when the network agrees with the teacher.
        for (int r = 0; r < n; r++) {
          if (unlabeled[r]) {
            System.arraycopy(soft, r * out, t, r * out, out);
          }
        }
      }
      int correct = network.spec().classifies() ? network.countCorrect(workspace, t, 0, n) : 0;
      into.addStatistics(loss, n, weight, correct);
    }
  }

  /** Rows share[from … from + n) of {@code x} as one chunk, in reused buffers. */
  private Csr gather(Csr x, int from, int n) {
    if (chunkStart.length < n + 1) {
      chunkStart = new int[Math.max(n, CHUNK_ROWS) + 1];
    }
    int[] start = x.rowStart();
    int entries = 0;
    for (int r = 0; r < n; r++) {
      int row = share[from + r];
      entries += start[row + 1] - start[row];
    }
    if (chunkIndex.length < entries) {
      chunkIndex = new int[entries + entries / 2];
      chunkValue = new float[chunkIndex.length];
    }
    int at = 0;
    for (int r = 0; r < n; r++) {
      int row = share[from + r];
      int length = start[row + 1] - start[row];
      System.arraycopy(x.index(), start[row], chunkIndex, at, length);
      System.arraycopy(x.value(), start[row], chunkValue, at, length);
      at += length;
      chunkStart[r + 1] = at;
    }
    return new Csr(n, x.columns(), chunkStart, chunkIndex, chunkValue);
  }

  /**
   * The curriculum order of {@code shard} at the weights {@code theta} identified by {@code key}
   * (the same key, the same weights): its rows by ascending loss ({@link #sampleLosses(float[],
   * Samples, SoftTargets)} with the shard's soft targets), computed on first use and kept for the
   * shards this worker served last.
   */
  public int[] easyFirst(long key, float[] theta, Shard shard) {
    EasyFirst cached = easyFirst.get(shard.index());
    if (cached == null || cached.key() != key || cached.order().length != shard.rows()) {
      cached = new EasyFirst(key,
          Curriculum.easyFirst(sampleLosses(theta, shard.samples(), shard.soft())));
      easyFirst.put(shard.index(), cached);
    }
    return cached.order();
  }

  /** A shard's easy-first order at the weights of {@code key}. */
  private record EasyFirst(long key, int[] order) {}

  private final Map<Integer, EasyFirst> easyFirst = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, EasyFirst> eldest) {
      return size() > CACHED_ORDERS;
    }
  };

  /**
   * The difficulty of every row of {@code samples} at Θ, in row order, as a curriculum ranks it:
   * a row with a label has its loss q_n against its targets. A row without one ({@link
   * Samples#unlabeled()}) has the same loss against the teacher's own class probabilities
   * softmax(z_t), recovered from its soft targets in {@code soft} ({@link
   * Distillation#unsoften}): the loss its label would give on average if it were drawn from what
   * the teacher believes. Without soft targets ({@code soft} null) such a row has +∞, after
   * every labeled row.
   */
  public float[] sampleLosses(float[] theta, Samples samples, SoftTargets soft) {
    float[] losses = new float[samples.rows()];
    int out = samples.outputs();
    float[] believed = samples.unlabeled() != null && soft != null ? new float[out] : null;
    for (int from = 0; from < samples.rows(); from += CHUNK_ROWS) {
      int n = Math.min(CHUNK_ROWS, samples.rows() - from);
      float[] s = forward(theta, samples, from, n);
      for (int r = 0; r < n; r++) {
        int row = from + r;
        if (samples.hasLabel(row)) {
          losses[row] = (float) network.spec().loss()
              .value(s, r * out, samples.t(), row * out, 1, out);
        } else if (believed == null) {
          losses[row] = Float.POSITIVE_INFINITY;
        } else {
          soft.distillation().unsoften(soft.p(), row * out, out, believed);
          losses[row] = (float) network.spec().loss().value(s, r * out, believed, 0, 1, out);
        }
      }
    }
    return losses;
  }

  /** Adds to {@code into} the loss and correct count of every row of {@code samples} (no gradient). */
  public void evaluate(float[] theta, Samples samples, GradientSum into) {
    int in = samples.inputs();
    int out = samples.outputs();
    for (int from = 0; from < samples.rows(); from += CHUNK_ROWS) {
      int n = Math.min(CHUNK_ROWS, samples.rows() - from);
      double loss = samples.isSparse()
          ? network.loss(theta, samples.sparse(), from, samples.t(), from * out, n, workspace)
          : network.loss(theta, samples.x(), from * in, samples.t(), from * out, n, workspace);
      int correct = network.spec().classifies()
          ? network.countCorrect(workspace, samples.t(), from * out, n) : 0;
      into.addStatistics(loss, n, correct);
    }
  }

  /**
   * Adds the outputs, targets and losses of every row of {@code samples} at Θ into {@code into};
   * rows without a label ({@link Samples#unlabeled()}) are not counted, nor is their loss.
   */
  public void metrics(float[] theta, Samples samples, MetricSums into) {
    int out = samples.outputs();
    boolean[] unlabeled = samples.unlabeled();
    for (int from = 0; from < samples.rows(); from += CHUNK_ROWS) {
      int n = Math.min(CHUNK_ROWS, samples.rows() - from);
      float[] s = forward(theta, samples, from, n);
      double loss = network.spec().loss().value(s, 0, samples.t(), from * out, n, out);
      if (unlabeled != null) {
        for (int r = 0; r < n; r++) {
          if (unlabeled[from + r]) {
            loss -= network.spec().loss().value(s, r * out, samples.t(), (from + r) * out, 1,
                out);
          }
        }
      }
      into.add(s, samples.t(), from * out, n, loss, unlabeled, from);
    }
  }

  /**
   * As {@link #metrics(float[], Samples, MetricSums)} for a quantized model: the forward pass
   * reads {@code quantized}'s weights (of this worker's network) directly.
   */
  public void metrics(QuantizedForward quantized, Samples samples, MetricSums into) {
    int in = samples.inputs();
    int out = samples.outputs();
    for (int from = 0; from < samples.rows(); from += CHUNK_ROWS) {
      int n = Math.min(CHUNK_ROWS, samples.rows() - from);
      float[] s = quantized.forward(samples.x(), from * in, n, workspace);
      double loss = network.spec().loss().value(s, 0, samples.t(), from * out, n, out);
      into.add(s, samples.t(), from * out, n, loss);
    }
  }

  /** As {@link #forEachOutput(float[], Samples, OutputSink)} for a quantized model. */
  public void forEachOutput(QuantizedForward quantized, Samples samples, OutputSink sink) {
    int in = samples.inputs();
    for (int from = 0; from < samples.rows(); from += CHUNK_ROWS) {
      int n = Math.min(CHUNK_ROWS, samples.rows() - from);
      sink.accept(from, n, quantized.forward(samples.x(), from * in, n, workspace));
    }
  }

  /** Receives the outputs s^L of rows [from, from + rows) (row-major from offset 0). */
  @FunctionalInterface
  public interface OutputSink {
    void accept(int from, int rows, float[] outputs);
  }

  /** Runs the forward pass over {@code samples} in chunks and hands each chunk's outputs on. */
  public void forEachOutput(float[] theta, Samples samples, OutputSink sink) {
    for (int from = 0; from < samples.rows(); from += CHUNK_ROWS) {
      int n = Math.min(CHUNK_ROWS, samples.rows() - from);
      sink.accept(from, n, forward(theta, samples, from, n));
    }
  }

  /** Σ_n (t_n − s_n)² over every output of {@code samples}, for the RMSE of regression. */
  public double squaredError(float[] theta, Samples samples) {
    int out = samples.outputs();
    double sum = 0;
    for (int from = 0; from < samples.rows(); from += CHUNK_ROWS) {
      int n = Math.min(CHUNK_ROWS, samples.rows() - from);
      float[] s = forward(theta, samples, from, n);
      for (int i = 0; i < n * out; i++) {
        double d = samples.t()[from * out + i] - s[i];
        sum += d * d;
      }
    }
    return sum;
  }

  /** The model's outputs for rows [from, from + n) of {@code samples}, dense or sparse. */
  private float[] forward(float[] theta, Samples samples, int from, int n) {
    return samples.isSparse()
        ? network.forward(theta, samples.sparse(), from, n, workspace)
        : network.forward(theta, samples.x(), from * samples.inputs(), n, workspace);
  }

  private int[] order(BatchPlan plan, int epoch, Shard shard) {
    EpochOrder cached = orders.get(shard.index());
    if (cached == null || cached.epoch() != epoch || cached.shards() != plan.shards()
        || cached.seed() != plan.seed() || cached.order().length != shard.rows()) {
      cached = new EpochOrder(epoch, plan.shards(), plan.seed(),
          plan.permutation(epoch, shard.index(), shard.rows()));
      orders.put(shard.index(), cached);
    }
    return cached.order();
  }
}
