package org.sparkprop.train;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;
import java.util.Arrays;
import org.sparkprop.tensor.FloatArrays;

/**
 * What shards send back for one update: the summed gradient Σ_n w_n ∇q_n(Θ) of the samples they
 * served, the summed loss Σ_n w_n q_n, how many samples, their weight Σ_n w_n (w_n = 1 unless
 * the samples are weighted), and how many of them were classified right.
 * Sums, not means, so that any number of partial results combine by addition in any grouping.
 * The gradient stays null until a shard with samples adds to it, so an empty accumulator costs
 * nothing to ship.
 */
public final class GradientSum implements Serializable {

  private static final long serialVersionUID = 2L;

  /**
   * Java serialization's fields: all but the gradient, which {@link #writeObject} writes in bulk.
   * The gradient is not {@code transient}, so serializers that walk fields (Kryo) still carry it.
   */
  private static final ObjectStreamField[] serialPersistentFields = {
      new ObjectStreamField("loss", double.class),
      new ObjectStreamField("count", long.class),
      new ObjectStreamField("weight", double.class),
      new ObjectStreamField("correct", long.class),
      new ObjectStreamField("readNanos", long.class),
      new ObjectStreamField("computeNanos", long.class)};

  private float[] gradient;
  /** The array this sum allocated, zeroed and used again after {@link #reset}. */
  private transient float[] own;
  private double loss;
  private long count;
  private double weight;
  private long correct;
  private long readNanos;
  private long computeNanos;

  /** The gradient array of length {@code size}, allocated (zero) on first use. */
  public float[] gradient(int size) {
    if (gradient == null) {
      if (own == null || own.length != size) {
        own = new float[size];
      }
      gradient = own;
    }
    return gradient;
  }

  /**
   * Empties this sum for the next batch, keeping the gradient array it allocated (zeroed) for
   * the next {@link #gradient(int)}; returns this. A sum that was merged into another (which may
   * have taken its array, {@link #merge}) must no longer be read by anyone when it is reset.
   */
  public GradientSum reset() {
    if (own != null) {
      Arrays.fill(own, 0f);
    }
    gradient = null;
    loss = 0;
    count = 0;
    weight = 0;
    correct = 0;
    readNanos = 0;
    computeNanos = 0;
    return this;
  }

  /** The summed gradient, or null when no sample contributed. */
  public float[] gradient() {
    return gradient;
  }

  public double loss() {
    return loss;
  }

  public long count() {
    return count;
  }

  /** Σ_n w_n of the samples (their count when unweighted): what the mean loss divides by. */
  public double weight() {
    return weight;
  }

  public long correct() {
    return correct;
  }

  /**
   * How long the task that made this sum took to read its inputs (Θ) and to compute it, in
   * nanoseconds, measured inside the task. Sums merged keep the longest of each: the task on the
   * job's critical path.
   */
  public void taskTimes(long readNanos, long computeNanos) {
    this.readNanos = Math.max(this.readNanos, readNanos);
    this.computeNanos = Math.max(this.computeNanos, computeNanos);
  }

  /** The longest time a task of this sum took to read Θ, in nanoseconds (0 when not timed). */
  public long readNanos() {
    return readNanos;
  }

  /** The longest time a task of this sum took to compute it, in nanoseconds (0: not timed). */
  public long computeNanos() {
    return computeNanos;
  }

  /** Records an unweighted batch's loss sum, sample count and correct classifications. */
  public void addStatistics(double loss, long count, long correct) {
    addStatistics(loss, count, count, correct);
  }

  /** Records a batch's (weighted) loss sum, sample count, weight sum and correct count. */
  public void addStatistics(double loss, long count, double weight, long correct) {
    this.loss += loss;
    this.count += count;
    this.weight += weight;
    this.correct += correct;
  }

  /** Adds {@code other} into this one and returns this (Spark's combine step). */
  public GradientSum merge(GradientSum other) {
    if (other.gradient != null) {
      if (gradient == null) {
        gradient = other.gradient;
      } else {
        float[] g = gradient;
        float[] o = other.gradient;
        for (int i = 0; i < g.length; i++) {
          g[i] += o[i];
        }
      }
    }
    addStatistics(other.loss, other.count, other.weight, other.correct);
    taskTimes(other.readNanos, other.computeNanos);
    return this;
  }

  /** The gradient in bulk (see {@link FloatArrays}): it is most of an update's result bytes. */
  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    FloatArrays.write(out, gradient);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    gradient = FloatArrays.read(in);
  }
}
