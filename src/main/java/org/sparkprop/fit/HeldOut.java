package org.sparkprop.fit;

import org.apache.spark.api.java.JavaRDD;
import org.sparkprop.spark.SampleRow;

/**
 * Seeded held-out splits made on the executors. A row's side is a function of the seed and the
 * row's own values alone (a 64-bit mix of its inputs and targets), so it does not depend on how
 * the data is partitioned or ordered, and the same data and seed give the same split on every run
 * and cluster. Identical rows always fall on the same side, so a duplicate never leaks from the
 * training set into the held-out one. The held-out share is {@code fraction} in expectation.
 */
public final class HeldOut {

  private HeldOut() {}

  /**
   * {@code [kept, held]}: the rows whose position under {@code seed} is at or above the fraction,
   * and those below it.
   */
  public static JavaRDD<SampleRow>[] split(JavaRDD<SampleRow> rows, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("a held-out fraction must be in (0, 1), got " + fraction);
    }
    @SuppressWarnings("unchecked")
    JavaRDD<SampleRow>[] parts = new JavaRDD[] {
        rows.filter(row -> position(row, seed) >= fraction),
        rows.filter(row -> position(row, seed) < fraction)};
    return parts;
  }

  /** The row's position in [0, 1) under {@code seed}: uniform over rows, fixed by their values. */
  public static double position(SampleRow row, long seed) {
    long h = mix(seed ^ 0x5DEECE66DL);
    if (row.isSparse()) {
      // The stored entries and their columns: a sparse row is never densified to be placed.
      for (int e = 0; e < row.x().length; e++) {
        h = mix(h ^ ((long) row.index()[e] << 32) ^ Float.floatToIntBits(row.x()[e]));
      }
    } else {
      for (float v : row.x()) {
        h = mix(h ^ Float.floatToIntBits(v));
      }
    }
    h = mix(h ^ 0x9E3779B97F4A7C15L);
    for (float v : row.t()) {
      h = mix(h ^ Float.floatToIntBits(v));
    }
    return (h >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64's finalizer of {@code z + γ}: every input bit reaches every output bit. */
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
