package org.sparkprop.nn;

import java.util.SplittableRandom;

/**
 * Seeded initial weights: the same seed gives the same Θ on every machine. Biases start at 0;
 * weights follow an {@link Init} scheme per layer (fan-in: the width of everything the layer
 * reads); PReLU's α_i start at the activation's initial α (0.25, He et al. 2015); normalization
 * scales γ_i at 1 and shifts β_i at 0 (Ioffe &amp; Szegedy 2015), the identity.
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
      int fanIn = layout.rowLength(k) - 1;
      int fanOut = spec.size(k);
      Init scheme = init.forLayer(spec, k);
      boolean normal = scheme.normal();
      double scale = scheme.scale(fanIn, fanOut);
      for (int i = 0; i < layout.rows(k); i++) {
        for (int j = 1; j <= fanIn; j++) {
          double w = normal ? gaussian(random) * scale : (2 * random.nextDouble() - 1) * scale;
          theta[layout.index(k, i, j)] = (float) w;
        }
      }
      if (spec.activation(k) instanceof PRelu prelu) {
        java.util.Arrays.fill(theta, layout.alphaOffset(k), layout.alphaOffset(k) + fanOut,
            prelu.initialAlpha());
      }
      if (layout.gammaOffset(k) >= 0) {
        java.util.Arrays.fill(theta, layout.gammaOffset(k), layout.gammaOffset(k) + fanOut, 1f);
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
