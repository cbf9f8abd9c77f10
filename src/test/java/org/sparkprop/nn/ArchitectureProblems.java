package org.sparkprop.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Seeded problems for networks beyond the perceptron: a spec from a compact description, a
 * network whose non-trainable state (standardization, running statistics) is set to random
 * values, and a Θ and batch away from every kink of the {@link ReferenceNet}.
 */
final class ArchitectureProblems {

  private ArchitectureProblems() {}

  /** The drop-out seed the checks use. */
  static final long DROPOUT_SEED = 12345L;

  static NetworkSpec spec(String layers, String hidden, String output, String loss,
      UnaryOperator<Architecture> extras) {
    int[] sizes = Arrays.stream(layers.split("-")).mapToInt(Integer::parseInt).toArray();
    Architecture a = extras.apply(Architecture.plain(sizes.length - 1));
    return new NetworkSpec(sizes, Activations.parse(hidden), Activations.parse(output),
        Loss.parse(loss), a);
  }

  /** Topology from the settings syntax. */
  static UnaryOperator<Architecture> topology(String connections, String residual) {
    return a -> a.withTopology(Topology.parse(connections, residual, a.depth()));
  }

  /** A network with random state: μ_j ∈ (−0.5, 0.5), σ_j² ∈ (0.2, 2), likewise running ones. */
  static Network network(NetworkSpec spec, long seed) {
    Network net = new Network(spec);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    float[] state = net.state().values();
    int half = 0;
    // Layout: pairs (mean block, variance block) of equal widths, in order.
    int p = 0;
    if (spec.standardize()) {
      half = spec.size(0);
      fill(state, p, half, random);
      p += 2 * half;
    }
    for (int k = 1; k <= spec.depth(); k++) {
      if (spec.normalization(k) == Normalization.BATCH) {
        fill(state, p, spec.size(k), random);
        p += 2 * spec.size(k);
      }
    }
    net.state().load(state);
    return net;
  }

  private static void fill(float[] state, int off, int width, SplittableRandom random) {
    for (int j = 0; j < width; j++) {
      state[off + j] = (float) (random.nextDouble() - 0.5);
      state[off + width + j] = (float) (0.2 + 1.8 * random.nextDouble());
    }
  }

  /**
   * The first seeded Θ and batch (seed, seed + 1, …) whose rectifier pre-activations and maxout
   * gaps stay at least {@code margin} away from a kink, in the given mode, and whose reference
   * gradient is not ~0.
   */
  static Problems.Problem usable(Network net, int rows, long seed, double scale, double margin,
      boolean training) {
    NetworkSpec spec = net.spec();
    ReferenceNet ref = new ReferenceNet(net);
    for (int attempt = 0; attempt < 400; attempt++) {
      long s = seed + 7919L * attempt;
      float[] theta = Problems.theta(spec, s, scale);
      Problems.Batch b = Problems.batch(spec, rows, s + 1);
      double[] th = ReferenceMlp.toDouble(theta);
      double[] x = ReferenceMlp.toDouble(b.x());
      if (ref.margin(th, x, b.xOff(), rows, training, DROPOUT_SEED) < margin) {
        continue;
      }
      double q0 = ref.lossSum(th, x, b.xOff(), ReferenceMlp.toDouble(b.t()), b.tOff(), rows,
          training, DROPOUT_SEED);
      if (Double.isFinite(q0) && q0 > 1e-3) {
        return new Problems.Problem(spec, theta, b);
      }
    }
    throw new IllegalStateException("no usable problem for " + spec + " with " + rows + " rows");
  }
}
