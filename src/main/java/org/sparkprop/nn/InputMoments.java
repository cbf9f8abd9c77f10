package org.sparkprop.nn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The count, mean μ_j and sum of squared deviations M2_j = Σ_n (x_nj − μ_j)² of a set of input
 * rows, per column, in double: what input standardization needs ({@link Standardization}).
 * Built by Welford's one-pass update over rows ({@link #of}) and merged by Chan's rule
 * ({@link #merge}), so parts of a data set can be summarized where they are and combined in any
 * grouping. Unlike Σx² − Nμ², neither step subtracts two large sums, so a large mean and a small
 * spread lose no precision.
 *
 * <p>Immutable, and a class rather than a record because the moments travel from the executors
 * to the driver: Kryo's field serializer, which a user may configure, cannot build records.
 */
public final class InputMoments implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long count;
  private final double[] mean;
  private final double[] m2;

  /**
   * Moments from their values (the arrays are copied).
   *
   * @param count N, the number of rows
   * @param mean μ_j (all 0 for N = 0)
   * @param m2 M2_j
   */
  public InputMoments(long count, double[] mean, double[] m2) {
    if (count < 0) {
      throw new IllegalArgumentException("InputMoments count is " + count + "; it must be >= 0");
    }
    if (mean.length != m2.length) {
      throw new IllegalArgumentException("InputMoments has " + mean.length + " means but "
          + m2.length + " sums of squares; they must be as many as the columns");
    }
    this.count = count;
    this.mean = mean.clone();
    this.m2 = m2.clone();
  }

  /** The moments of no rows. */
  public static InputMoments empty(int columns) {
    if (columns < 0) {
      throw new IllegalArgumentException("InputMoments columns is " + columns
          + "; it must be >= 0");
    }
    return new InputMoments(0, new double[columns], new double[columns]);
  }

  /**
   * Welford's one pass over {@code rows} rows of {@code columns} values (row-major, from
   * {@code off}): μ ← μ + (x − μ)/n, M2 ← M2 + (x − μ_old)(x − μ_new).
   */
  public static InputMoments of(float[] x, int off, int rows, int columns) {
    if (rows < 0 || columns < 0 || off < 0 || off + (long) rows * columns > x.length) {
      throw new IllegalArgumentException("InputMoments of " + rows + " rows of " + columns
          + " columns from offset " + off + " needs them within the " + x.length
          + " values given");
    }
    double[] mu = new double[columns];
    double[] m2 = new double[columns];
    for (int n = 0; n < rows; n++) {
      int row = off + n * columns;
      double inv = 1.0 / (n + 1);
      for (int j = 0; j < columns; j++) {
        double v = x[row + j];
        double d = v - mu[j];
        mu[j] += d * inv;
        m2[j] += d * (v - mu[j]);
      }
    }
    return new InputMoments(rows, mu, m2);
  }

  /** N, the number of rows. */
  public long count() {
    return count;
  }

  /** The number of columns. */
  public int columns() {
    return mean.length;
  }

  /** μ_j, a copy. */
  public double[] mean() {
    return mean.clone();
  }

  /** M2_j, a copy. */
  public double[] m2() {
    return m2.clone();
  }

  /**
   * The moments of both row sets together (Chan, Golub &amp; LeVeque): with δ = μ_b − μ_a and
   * N = N_a + N_b, μ = μ_a + δ·N_b/N and M2 = M2_a + M2_b + δ²·N_a·N_b/N.
   */
  public InputMoments merge(InputMoments other) {
    if (other.columns() != columns()) {
      throw new IllegalArgumentException("InputMoments of " + other.columns()
          + " columns cannot be merged into moments of " + columns() + " columns");
    }
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      return other;
    }
    double na = count;
    double nb = other.count;
    double n = na + nb;
    double[] mu = new double[columns()];
    double[] sq = new double[columns()];
    for (int j = 0; j < mu.length; j++) {
      double delta = other.mean[j] - mean[j];
      mu[j] = mean[j] + delta * (nb / n);
      sq[j] = m2[j] + other.m2[j] + delta * delta * (na * nb / n);
    }
    return new InputMoments(count + other.count, mu, sq);
  }

  /** σ_j² = M2_j/(N − 1), the unbiased variance; 0 for N ≤ 1. */
  public double variance(int j) {
    return count > 1 ? m2[j] / (count - 1) : 0.0;
  }

  /** Writes μ_j to mean[meanOff + j] and σ_j² to var[varOff + j], as floats. */
  public void write(float[] mu, int meanOff, float[] var, int varOff) {
    for (int j = 0; j < mean.length; j++) {
      mu[meanOff + j] = (float) mean[j];
      var[varOff + j] = (float) variance(j);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputMoments other && count == other.count
        && Arrays.equals(mean, other.mean) && Arrays.equals(m2, other.m2);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(count) + Arrays.hashCode(mean)) + Arrays.hashCode(m2);
  }

  @Override
  public String toString() {
    return "InputMoments[count=" + count + ", mean=" + Arrays.toString(mean) + ", m2="
        + Arrays.toString(m2) + "]";
  }
}
