package org.sparkprop.train;

import java.util.SplittableRandom;

/** Standard normal draws from a seeded stream (Box–Muller, both values of each pair used). */
final class GaussianNoise {

  private final SplittableRandom random;
  private double spare;
  private boolean hasSpare;

  GaussianNoise(SplittableRandom random) {
    this.random = random;
  }

  double next() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double r = Math.sqrt(-2 * Math.log(1.0 - random.nextDouble()));
    double angle = 2 * Math.PI * random.nextDouble();
    spare = r * Math.sin(angle);
    hasSpare = true;
    return r * Math.cos(angle);
  }

  /** a[0 … n) += σ·z with z ~ N(0, 1). */
  void addTo(float[] a, int n, float sigma) {
    for (int i = 0; i < n; i++) {
      a[i] += (float) (sigma * next());
    }
  }
}
