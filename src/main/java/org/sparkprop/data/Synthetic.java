package org.sparkprop.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Small built-in data sets that need no download: the two-dimensional classification problems of
 * the TensorFlow playground (spirals, circles, xor) and a one-dimensional regression (sine).
 *
 * <p>They exist so that every part of the trainer can be run and tested end to end on any
 * machine, and so that the classic demonstrations (a single perceptron cannot learn
 * XOR; a hidden layer bends the decision boundary around a spiral) can be reproduced in seconds.
 *
 * <p>Every set is a pure function of its arguments: the same {@code (n, noise, seed)} gives
 * bit-identical data, so experiments and tests are repeatable. {@code noise} is the standard
 * deviation of Gaussian noise added to each coordinate (to the target, for {@code sine}), in the
 * units of the data. The 2-D sets live in roughly [-6, 6]², like the playground's; noise 0.1 to
 * 0.3 keeps them cleanly learnable. Classification labels are 0 and 1, and the rows alternate
 * between the classes so that any prefix of the data is balanced.
 */
public final class Synthetic {

  /** The names {@link #byName} knows, in the order they are listed in messages. */
  public static final List<String> NAMES = List.of("spirals", "circles", "xor", "sine");

  /** Largest radius of the 2-D sets, as in the TensorFlow playground. */
  private static final double RADIUS = 5;

  private Synthetic() {}

  /**
   * Looks a set up by name (one of {@link #NAMES}).
   *
   * @throws IllegalArgumentException naming the unknown name and the known ones
   */
  public static RawData byName(String name, int n, double noise, long seed) {
    return switch (name) {
      case "spirals" -> spirals(n, noise, seed);
      case "circles" -> circles(n, noise, seed);
      case "xor" -> xor(n, noise, seed);
      case "sine" -> sine(n, noise, seed);
      default -> throw new IllegalArgumentException(
          "unknown synthetic data set '" + name + "'; known sets are " + String.join(", ", NAMES));
    };
  }

  /**
   * Two interleaved spirals, each of 1.75 turns growing from the origin out to radius 5; the second
   * is the first rotated by π. Point k of a spiral with m points lies at r·(sin θ, cos θ) with
   * r = 5k/m and θ = 1.75·2π·k/m (+ π for class 1), plus noise.
   */
  public static RawData spirals(int n, double noise, long seed) {
    check("spirals", n, noise);
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[2 * n];
    float[] labels = new float[n];
    int[] perClass = {n - n / 2, n / 2};
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      double k = i / 2; // index of this point within its spiral
      double m = perClass[label];
      double r = RADIUS * k / m;
      double theta = 1.75 * 2 * Math.PI * k / m + label * Math.PI;
      x[2 * i] = (float) (r * Math.sin(theta) + noise * gaussian(random));
      x[2 * i + 1] = (float) (r * Math.cos(theta) + noise * gaussian(random));
      labels[i] = label;
    }
    return new RawData(x, n, 2, labels, "synthetic:spirals");
  }

  /**
   * A disc of radius 2.5 (class 0) inside a ring from radius 3.5 to 5 (class 1), points uniform in
   * angle and radius, plus noise. The gap between them makes the set separable when the noise is
   * small; no straight line separates it, a circle (one hidden layer) does.
   */
  public static RawData circles(int n, double noise, long seed) {
    check("circles", n, noise);
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[2 * n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      double r = label == 0
          ? random.nextDouble(0, 0.5 * RADIUS)
          : random.nextDouble(0.7 * RADIUS, RADIUS);
      double angle = random.nextDouble(0, 2 * Math.PI);
      x[2 * i] = (float) (r * Math.sin(angle) + noise * gaussian(random));
      x[2 * i + 1] = (float) (r * Math.cos(angle) + noise * gaussian(random));
      labels[i] = label;
    }
    return new RawData(x, n, 2, labels, "synthetic:circles");
  }

  /**
   * Four clusters filling the quadrants (uniform in [0.5, 5] away from both axes, plus noise),
   * labelled by the XOR of the signs: class 0 where x·y &gt; 0 (first and third quadrants),
   * class 1 where x·y &lt; 0. The classic problem a single perceptron cannot solve.
   */
  public static RawData xor(int n, double noise, long seed) {
    check("xor", n, noise);
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[2 * n];
    float[] labels = new float[n];
    double padding = 0.1 * RADIUS;
    for (int i = 0; i < n; i++) {
      // rows cycle through quadrants I, II, III, IV: labels 0, 1, 0, 1
      int quadrant = i % 4;
      double sx = quadrant == 0 || quadrant == 3 ? 1 : -1;
      double sy = quadrant < 2 ? 1 : -1;
      x[2 * i] = (float) (sx * random.nextDouble(padding, RADIUS) + noise * gaussian(random));
      x[2 * i + 1] = (float) (sy * random.nextDouble(padding, RADIUS) + noise * gaussian(random));
      labels[i] = sx * sy > 0 ? 0 : 1;
    }
    return new RawData(x, n, 2, labels, "synthetic:xor");
  }

  /** A regression: x uniform in [-π, π], label sin(x) plus noise. */
  public static RawData sine(int n, double noise, long seed) {
    check("sine", n, noise);
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      double xi = -Math.PI + 2 * Math.PI * random.nextDouble();
      x[i] = (float) xi;
      labels[i] = (float) (Math.sin(xi) + noise * gaussian(random));
    }
    return new RawData(x, n, 1, labels, "synthetic:sine");
  }

  private static void check(String name, int n, double noise) {
    if (n < 1) {
      throw new IllegalArgumentException(
          "synthetic:" + name + " needs n >= 1 samples, got " + n);
    }
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException(
          "synthetic:" + name + " needs a finite noise >= 0, got " + noise);
    }
  }

  /**
   * A standard normal deviate by the polar Box–Muller method. {@code SplittableRandom} has no
   * {@code nextGaussian} in Java 17; this keeps the sets reproducible without a shared
   * {@code Random}. The second deviate of each pair is discarded to keep the code stateless.
   */
  private static double gaussian(SplittableRandom random) {
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }
}
