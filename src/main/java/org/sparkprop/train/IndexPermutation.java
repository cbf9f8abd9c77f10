package org.sparkprop.train;

import java.io.Serializable;

/**
 * A seeded bijection of [0, n) computed one index at a time, without a table: a four-round
 * Feistel network on the smallest even number of bits that holds n, walked again from its output
 * while that lands at n or above (cycle walking, fewer than two rounds on average). It spreads
 * the rows of a data set over the shards at random (row i goes to position π(i)), so that a file
 * sorted by class or by time does not give one shard one class, without a table of n entries or
 * a sort.
 */
public record IndexPermutation(long n, long seed) implements Serializable {

  public IndexPermutation {
    if (n < 1) {
      throw new IllegalArgumentException("a permutation needs n >= 1, got " + n);
    }
  }

  /** π(i) for 0 ≤ i &lt; n. */
  public long apply(long i) {
    if (i < 0 || i >= n) {
      throw new IndexOutOfBoundsException("index " + i + " outside [0, " + n + ")");
    }
    int half = Math.max(1, (64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)) + 1) / 2);
    long mask = (1L << half) - 1;
    long x = i;
    do {
      long left = x >>> half;
      long right = x & mask;
      for (int round = 0; round < 4; round++) {
        long next = left ^ (mix(right + seed * 31 + round) & mask);
        left = right;
        right = next;
      }
      x = (left << half) | right;
    } while (x >= n);
    return x;
  }

  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
