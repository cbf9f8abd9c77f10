package org.sparkprop.nn;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The non-trainable state of a network, kept apart from Θ (no optimizer, penalty or gradient
 * touches it) and saved with the model: the input standardization's μ_j and σ_j²
 * ({@link Standardization}) and batch normalization's running mean and variance per unit
 * ({@link BatchNorm}). Layout of {@link #values()}: [μ (M_0), σ² (M_0)] when the inputs are
 * standardized, then [mean (M_k), variance (M_k)] for every batch-normalized layer k in order.
 * Running means start at 0, variances at 1.
 *
 * <p>Batch-norm statistics of a training pass: {@link #statisticsLength()} additive numbers
 * (3·M_k per batch-normalized layer: Σ b·μ_i, Σ (s − μ_i)², Σ b·μ_i²), appended by the shards to
 * their gradient sums and turned into the running averages on the driver by
 * {@link #updateRunningStatistics}.
 *
 * <p>Shipping: the state travels inside its {@link Network} whenever Spark serializes the
 * network (every job), stamped with a clock that increases with every serialization in the
 * driver's JVM. Every state is born with an {@link #identity()} of its own, kept by its copies:
 * the network it belongs to, hence the fit that created it. In a JVM, the deserialized copies of
 * one state resolve to a single instance per identity, which takes the values of the most
 * recently serialized copy it receives (a late copy from an older job is ignored). Executor
 * threads keep a worker per network ({@code spark.ExecutorWorkers}), whose batch buffers are
 * reused across the jobs of its fit, and read through this instance the state the driver shipped
 * with that fit's latest job. States of equal spec but different identity never share values, so
 * fits of one architecture may run at once in one application (the models of a parallel
 * cross-validation, two users' jobs). The instance is held weakly: once no worker keeps it, it
 * is forgotten, and the next copy to arrive takes its place.
 */
public final class NetworkState implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The one deserialized instance per identity in this JVM (see the class comment). */
  private static final Map<UUID, Canonical> CANONICAL = new HashMap<>();
  /** Where the garbage collector puts the entries of {@link #CANONICAL} it has cleared. */
  private static final ReferenceQueue<NetworkState> CLEARED = new ReferenceQueue<>();
  private static final AtomicLong SHIPPED = new AtomicLong();
  /** Identities are this JVM's random 64 bits and a counter: unique across the JVMs of a job. */
  private static final long JVM = new SecureRandom().nextLong();
  private static final AtomicLong CREATED = new AtomicLong();

  private final UUID identity;
  private final float[] values;
  private final int inputs;
  private final int inputMean;
  private final int[] mean;
  private final int[] statistics;
  private final int[] sizes;
  private final int statisticsLength;
  private final float momentum;
  private volatile long version;
  /** When this state was last serialized, on the serializing JVM's clock. */
  private volatile long shipped;

  NetworkState(NetworkSpec spec) {
    this.identity = new UUID(JVM, CREATED.incrementAndGet());
    int depth = spec.depth();
    this.sizes = spec.sizes();
    this.inputs = spec.size(0);
    this.momentum = spec.architecture().momentum();
    this.mean = new int[depth + 1];
    this.statistics = new int[depth + 1];
    int length = 0;
    if (spec.standardize()) {
      inputMean = 0;
      length = 2 * inputs;
    } else {
      inputMean = -1;
    }
    int stats = 0;
    for (int k = 0; k <= depth; k++) {
      mean[k] = -1;
      statistics[k] = -1;
      if (k > 0 && spec.normalization(k) == Normalization.BATCH) {
        mean[k] = length;
        length += 2 * spec.size(k);
        statistics[k] = stats;
        stats += BatchNorm.STATISTICS_PER_UNIT * spec.size(k);
      }
    }
    this.values = new float[length];
    this.statisticsLength = stats;
    reset();
  }

  /** Means 0 and variances 1 everywhere: the identity transformation. */
  public synchronized void reset() {
    Arrays.fill(values, 0f);
    if (inputMean >= 0) {
      Arrays.fill(values, inputMean + inputs, inputMean + 2 * inputs, 1f);
    }
    for (int k = 1; k < mean.length; k++) {
      if (mean[k] >= 0) {
        Arrays.fill(values, mean[k] + sizes[k], mean[k] + 2 * sizes[k], 1f);
      }
    }
    version++;
  }

  /**
   * Which network this state belongs to: given when the network is created, the same in every
   * serialized copy, different for every other network (equal specs included).
   */
  public UUID identity() {
    return identity;
  }

  /** Number of state values (0 for a network without standardization or batch norm). */
  public int size() {
    return values.length;
  }

  /** A copy of the state values, in the layout of the class comment. */
  public float[] values() {
    return values.clone();
  }

  /** Replaces the state values (e.g. read from a model file). */
  public synchronized void load(float[] v) {
    if (v.length != values.length) {
      throw new IllegalArgumentException("the network has " + values.length
          + " state values, got " + v.length);
    }
    System.arraycopy(v, 0, values, 0, v.length);
    version++;
  }

  /** Incremented by every change. */
  public long version() {
    return version;
  }

  /** Length of the batch statistics a training pass reports (0 without batch norm). */
  public int statisticsLength() {
    return statisticsLength;
  }

  /** The training set's μ_j, or null without standardization. */
  public float[] inputMean() {
    return inputMean < 0 ? null : Arrays.copyOfRange(values, inputMean, inputMean + inputs);
  }

  /** The training set's σ_j², or null without standardization. */
  public float[] inputVariance() {
    return inputMean < 0 ? null
        : Arrays.copyOfRange(values, inputMean + inputs, inputMean + 2 * inputs);
  }

  /** Batch-normalized layer k's running means, or null when it has no batch norm. */
  public float[] runningMean(int k) {
    return mean[k] < 0 ? null : Arrays.copyOfRange(values, mean[k], mean[k] + sizes[k]);
  }

  /** Batch-normalized layer k's running variances, or null when it has no batch norm. */
  public float[] runningVariance(int k) {
    return mean[k] < 0 ? null
        : Arrays.copyOfRange(values, mean[k] + sizes[k], mean[k] + 2 * sizes[k]);
  }

  /**
   * Sets the standardization from {@code rows} training samples (row-major, M_0 columns from
   * xOff), in one pass: μ_j and σ_j² with denominator N − 1 (docs/equations.md,
   * Normalization).
   */
  public void fitStandardization(float[] x, int xOff, int rows) {
    setStandardization(InputMoments.of(x, xOff, rows, inputs));
  }

  /** Sets the standardization to the moments' μ_j and σ_j² (denominator N − 1). */
  public synchronized void setStandardization(InputMoments moments) {
    if (inputMean < 0) {
      throw new IllegalStateException("this network does not standardize its inputs");
    }
    if (moments.columns() != inputs) {
      throw new IllegalArgumentException("input moments of " + moments.columns()
          + " columns for a network of " + inputs + " inputs; they must be as many");
    }
    moments.write(values, inputMean, values, inputMean + inputs);
    version++;
  }

  /**
   * Blends one mini-batch into the running averages: from the summed statistics at
   * sums[off …off + {@link #statisticsLength()}) of {@code rows} rows, the batch's mean μ and
   * unbiased variance σ² = M2/(b − 1) with M2 = Σ_p M2_p + Σ_p b_p μ_p² − b μ², and
   * r ← (1 − m)·r + m·r_B with the momentum m (Ioffe &amp; Szegedy 2015, and their m/(m−1)
   * correction of the variance for inference).
   */
  public synchronized void updateRunningStatistics(float[] sums, int off, long rows) {
    if (rows <= 0) {
      return;
    }
    for (int k = 1; k < mean.length; k++) {
      if (mean[k] < 0) {
        continue;
      }
      int m = sizes[k];
      int at = off + statistics[k];
      for (int i = 0; i < m; i++) {
        double mu = sums[at + i] / (double) rows;
        double m2 = sums[at + m + i] + sums[at + 2 * m + i] - rows * mu * mu;
        double var = Math.max(m2, 0.0) / Math.max(rows - 1, 1);
        int mi = mean[k] + i;
        int vi = mean[k] + m + i;
        values[mi] = (float) ((1 - momentum) * values[mi] + momentum * mu);
        values[vi] = (float) ((1 - momentum) * values[vi] + momentum * var);
      }
    }
    version++;
  }

  // ---- for Network's kernels ----

  float[] raw() {
    return values;
  }

  int inputMeanOffset() {
    return inputMean;
  }

  int inputVarianceOffset() {
    return inputMean + inputs;
  }

  int meanOffset(int k) {
    return mean[k];
  }

  int varianceOffset(int k) {
    return mean[k] + sizes[k];
  }

  int statisticsOffset(int k) {
    return statistics[k];
  }

  private synchronized void writeObject(ObjectOutputStream out) throws IOException {
    shipped = SHIPPED.incrementAndGet();
    out.defaultWriteObject();
  }

  /**
   * Resolves deserialized states to one instance per identity and JVM, which takes the values of
   * the most recently shipped copy (see the class comment).
   */
  private Object readResolve() throws ObjectStreamException {
    synchronized (CANONICAL) {
      for (Reference<? extends NetworkState> r; (r = CLEARED.poll()) != null; ) {
        Canonical cleared = (Canonical) r;
        CANONICAL.remove(cleared.identity, cleared);
      }
      Canonical ref = CANONICAL.get(identity);
      NetworkState known = ref == null ? null : ref.get();
      if (known == null) {
        CANONICAL.put(identity, new Canonical(this));
        return this;
      }
      synchronized (known) {
        if (shipped > known.shipped) {
          System.arraycopy(values, 0, known.values, 0, values.length);
          known.shipped = shipped;
          known.version++;
        }
      }
      return known;
    }
  }

  /** A weakly held instance of {@link #CANONICAL}, which knows its key for the clean-up. */
  private static final class Canonical extends WeakReference<NetworkState> {
    private final UUID identity;

    Canonical(NetworkState state) {
      super(state, CLEARED);
      this.identity = state.identity;
    }
  }
}
