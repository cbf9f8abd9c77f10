package org.sparkprop.train;

import java.util.SplittableRandom;

/** Small sample sets built in the test itself, so train tests depend on nothing else. */
public final class TestSets {

  private TestSets() {}

  /** XOR of the signs of two coordinates, as noisy points around the four corners, one-hot. */
  public static Samples xor(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * 2];
    float[] t = new float[rows * 2];
    for (int n = 0; n < rows; n++) {
      int a = r.nextInt(2);
      int b = r.nextInt(2);
      x[2 * n] = (a == 1 ? 1f : -1f) + (float) (0.2 * (r.nextDouble() - 0.5));
      x[2 * n + 1] = (b == 1 ? 1f : -1f) + (float) (0.2 * (r.nextDouble() - 0.5));
      t[2 * n + (a ^ b)] = 1f;
    }
    return new Samples(x, t, rows, 2, 2);
  }

  /** Random inputs and one-hot targets of the given shape. */
  public static Samples random(int rows, int inputs, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * inputs];
    float[] t = new float[rows * classes];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 * r.nextDouble() - 1);
    }
    for (int n = 0; n < rows; n++) {
      t[n * classes + r.nextInt(classes)] = 1f;
    }
    return new Samples(x, t, rows, inputs, classes);
  }

  /**
   * The inputs of {@link #xor}{@code (rows, 1)} with one regression target each: the XOR class
   * times {@code scale} (a large scale makes a large step overshoot).
   */
  public static Samples xorTargets(int rows, float scale) {
    Samples xor = xor(rows, 1);
    float[] t = new float[rows];
    for (int n = 0; n < rows; n++) {
      t[n] = scale * xor.label(n);
    }
    return new Samples(xor.x(), t, rows, 2, 1);
  }
}
