package org.sparkprop.nn;

import java.util.SplittableRandom;

/**
 * Seeded initial weights: the same seed gives the same Θ on every machine. Biases start at 0;
 * weights follow an {@link Init} scheme per layer.
 */
public final class Initializer {

  private Initializer() {}

  /** A fresh Θ for {@code network} with the default scheme ({@link Init.Auto}). */
  public static float[] initialTheta(Network network, long seed) {
    return initialTheta(network, new Init.Auto(), seed);
  }

  /** A fresh Θ for {@code network}, drawn from {@code init} with {@code seed}. */
  public static float[] initialTheta(Network network, Init init, long seed) {
    NetworkSpec spec = network.spec();
    ThetaLayout layout = network.layout();
    float[] theta = new float[layout.size()];
    SplittableRandom random = new SplittableRandom(seed);
    for (int k = 1; k <= spec.depth(); k++) {
      int fanIn = spec.size(k - 1);
      int fanOut = spec.size(k);
      Init scheme = init.forLayer(spec, k);
      boolean normal = scheme.normal();
      double scale = scheme.scale(fanIn, fanOut);
      for (int i = 0; i < fanOut; i++) {
        for (int j = 1; j <= fanIn; j++) {
          double w = normal ? gaussian(random) * scale : (2 * random.nextDouble() - 1) * scale;
          theta[layout.index(k, i, j)] = (float) w;
        }
      }
    }
    return theta;
  }

  /** A standard normal draw (Box–Muller), so the sequence depends only on the seed. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
