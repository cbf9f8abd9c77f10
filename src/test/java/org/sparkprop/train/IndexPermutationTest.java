package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexPermutationTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 7, 64, 1000, 1496, 4097, 60000})
  void isABijectionOfTheRange(long n) {
    IndexPermutation pi = new IndexPermutation(n, 1);
    boolean[] hit = new boolean[(int) n];
    for (long i = 0; i < n; i++) {
      long j = pi.apply(i);
      assertTrue(j >= 0 && j < n, "pi(" + i + ") = " + j);
      assertTrue(!hit[(int) j], "pi hits " + j + " twice");
      hit[(int) j] = true;
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1000, 60000})
  void dependsOnTheSeedAndMovesMostIndices(long n) {
    long[] a = new long[(int) n];
    long[] b = new long[(int) n];
    long fixed = 0;
    for (int i = 0; i < n; i++) {
      a[i] = new IndexPermutation(n, 1).apply(i);
      b[i] = new IndexPermutation(n, 2).apply(i);
      fixed += a[i] == i ? 1 : 0;
    }
    assertNotEquals(Arrays.toString(a), Arrays.toString(b));
    // A random permutation fixes one index on average; allow a wide margin.
    assertTrue(fixed < 20, fixed + " fixed points");
    // Neighbours in the source land far apart: the mean |pi(i+1) - pi(i)| is about n/3.
    double gap = 0;
    for (int i = 1; i < n; i++) {
      gap += Math.abs(a[i] - a[i - 1]);
    }
    gap /= n - 1;
    assertTrue(gap > n / 4.0 && gap < n / 2.5, "mean gap " + gap + " for n = " + n);
  }

  @org.junit.jupiter.api.Test
  void refusesIndicesOutsideTheRange() {
    assertThrows(IndexOutOfBoundsException.class, () -> new IndexPermutation(5, 1).apply(5));
    assertEquals("a permutation needs n >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new IndexPermutation(0, 1))
            .getMessage());
  }
}
