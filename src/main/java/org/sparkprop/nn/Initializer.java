package org.sparkprop.nn;

import java.util.SplittableRandom;

/**
 * Seeded initial weights: the same seed gives the same Θ on every machine.
 *
 * <p>Biases start at 0. Weights of a layer feeding a ReLU are drawn from N(0, 2/M_{k−1})
 * (He et al. 2015), which keeps the variance of s^k constant through rectifiers; all others from
 * U(−a, a) with a = √(6/(M_{k−1} + M_k)) (Glorot &amp; Bengio 2010), the same for saturating units.
 */
public final class Initializer {

  private Initializer() {}

  /** A fresh Θ for {@code network}, drawn with {@code seed}. */
  public static float[] initialTheta(Network network, long seed) {
    NetworkSpec spec = network.spec();
    ThetaLayout layout = network.layout();
    float[] theta = new float[layout.size()];
    SplittableRandom random = new SplittableRandom(seed);
    for (int k = 1; k <= spec.depth(); k++) {
      int fanIn = spec.size(k - 1);
      int fanOut = spec.size(k);
      boolean he = spec.activation(k) instanceof Relu;
      double scale = he ? Math.sqrt(2.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut));
      for (int i = 0; i < fanOut; i++) {
        for (int j = 1; j <= fanIn; j++) {
          double w = he ? gaussian(random) * scale : (2 * random.nextDouble() - 1) * scale;
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
