package org.sparkprop.data;

import java.util.SplittableRandom;

/**
 * Splits a data set into a training part and a held-out test part.
 *
 * <p>The rows are shuffled first (seeded, so the split is repeatable) because files are often
 * sorted by class or by time, and a plain "last 20%" would then test on a distribution the
 * network never saw.
 */
public final class Split {

  private Split() {}

  /**
   * Shuffles the rows with {@code seed} and splits them: {@code round(rows · testFraction)} rows,
   * but at least 1 and at most {@code rows - 1}, go to the test part, the rest to the training
   * part. Each row lands in exactly one part.
   *
   * @return {@code {train, test}}, with sources {@code "<source> [train]"} and {@code "<source>
   *     [test]"}
   * @throws IllegalArgumentException if {@code testFraction} is not strictly between 0 and 1, or
   *     the data has fewer than 2 rows
   */
  public static RawData[] trainTest(RawData data, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "test fraction must be strictly between 0 and 1, got " + testFraction);
    }
    int rows = data.rows();
    if (rows < 2) {
      throw new IllegalArgumentException(
          "data " + data.source() + " has " + rows + " rows: too few to split into train and test");
    }
    int test = (int) Math.min(rows - 1, Math.max(1, Math.round(rows * testFraction)));
    int[] order = permutation(rows, seed);
    return new RawData[] {
      select(data, order, test, rows, data.source() + " [train]"),
      select(data, order, 0, test, data.source() + " [test]")
    };
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  private static int[] permutation(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  /** The rows {@code order[from..to)} of {@code data}, copied in that order. */
  private static RawData select(RawData data, int[] order, int from, int to, String source) {
    int columns = data.columns();
    int count = to - from;
    float[] features = new float[count * columns];
    float[] labels = new float[count];
    for (int i = 0; i < count; i++) {
      int row = order[from + i];
      System.arraycopy(data.features(), row * columns, features, i * columns, columns);
      labels[i] = data.labels()[row];
    }
    return new RawData(features, count, columns, labels, source);
  }
}
