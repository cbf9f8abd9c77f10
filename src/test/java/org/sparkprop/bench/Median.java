package org.sparkprop.bench;

import java.util.Arrays;

/** The median of timings: the middle value, or the mean of the two middle ones. */
final class Median {

  private Median() {}

  /** The median of {@code values} (not modified; at least one value). */
  static double of(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
