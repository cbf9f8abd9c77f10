package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.fail;

/** Approximate comparison: |actual − expected| ≤ rel·max(|actual|, |expected|) + abs. */
final class Close {

  private Close() {}

  static boolean close(double expected, double actual, double rel, double abs) {
    if (Double.isNaN(actual) || Double.isNaN(expected)) {
      return false;
    }
    return Math.abs(actual - expected)
        <= rel * Math.max(Math.abs(actual), Math.abs(expected)) + abs;
  }

  static void assertClose(double expected, double actual, double rel, double abs, String what) {
    if (!close(expected, actual, rel, abs)) {
      fail(what + ": expected " + expected + " but was " + actual + " (difference "
          + Math.abs(actual - expected) + ", rel " + rel + ", abs " + abs + ")");
    }
  }

  /** Element by element; the message names the first index that is off. */
  static void assertAllClose(double[] expected, float[] actual, int actualOff, int n, double rel,
      double abs, String what) {
    for (int p = 0; p < n; p++) {
      assertClose(expected[p], actual[actualOff + p], rel, abs, what + "[" + p + "]");
    }
  }
}
