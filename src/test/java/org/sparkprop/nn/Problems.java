package org.sparkprop.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random test problems: a network spec, a Θ with non-zero biases, and a batch of inputs
 * and targets stored at non-zero offsets inside larger arrays (to exercise xOff/tOff).
 */
final class Problems {

  private Problems() {}

  /** A batch: rows samples at x[xOff…] (rows × M_0) and t[tOff…] (rows × M_L). */
  record Batch(float[] x, int xOff, float[] t, int tOff, int rows) {}

  static NetworkSpec spec(String layers, String hidden, String output, String loss) {
    int[] sizes = Arrays.stream(layers.split("-")).mapToInt(Integer::parseInt).toArray();
    return new NetworkSpec(sizes, Activations.parse(hidden), Activations.parse(output),
        Loss.parse(loss));
  }

  /** Every weight and bias uniform in (−scale, scale). */
  static float[] theta(NetworkSpec spec, long seed, double scale) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] theta = new float[new ThetaLayout(spec).size()];
    for (int p = 0; p < theta.length; p++) {
      theta[p] = (float) ((2 * random.nextDouble() - 1) * scale);
    }
    return theta;
  }

  /**
   * Inputs uniform in (−1, 1); targets that fit the output: class distributions for softmax
   * (one-hot on even rows, a random distribution on odd rows, both summing to one), values in
   * [0, 1] for sigmoid, in (−1, 1) otherwise. Data start at offsets 3 and 5 of padded arrays.
   */
  static Batch batch(NetworkSpec spec, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int in = spec.size(0);
    int out = spec.size(spec.depth());
    int xOff = 3;
    int tOff = 5;
    float[] x = new float[xOff + rows * in + 2];
    float[] t = new float[tOff + rows * out + 2];
    Arrays.fill(x, Float.NaN); // padding must never be read
    Arrays.fill(t, Float.NaN);
    for (int p = 0; p < rows * in; p++) {
      x[xOff + p] = (float) (2 * random.nextDouble() - 1);
    }
    String output = spec.output().name();
    for (int n = 0; n < rows; n++) {
      int row = tOff + n * out;
      if (output.equals("softmax")) {
        if (n % 2 == 0) {
          Arrays.fill(t, row, row + out, 0f);
          t[row + random.nextInt(out)] = 1f;
        } else {
          float[] w = new float[out];
          float sum = 0;
          for (int c = 0; c < out; c++) {
            w[c] = (float) random.nextDouble() + 0.05f;
            sum += w[c];
          }
          for (int c = 0; c < out; c++) {
            t[row + c] = w[c] / sum;
          }
        }
      } else if (output.equals("sigmoid")) {
        for (int c = 0; c < out; c++) {
          t[row + c] = n % 2 == 0 ? random.nextInt(2) : (float) random.nextDouble();
        }
      } else {
        for (int c = 0; c < out; c++) {
          t[row + c] = (float) (2 * random.nextDouble() - 1);
        }
      }
    }
    return new Batch(x, xOff, t, tOff, rows);
  }

  /** A Θ and a batch for one spec. */
  record Problem(NetworkSpec spec, float[] theta, Batch batch) {}

  /**
   * The first seeded problem (seed, seed + 1, …) that is usable for comparing gradients: every
   * ReLU pre-activation at least {@code reluMargin} away from the kink at 0 (so that float and
   * double agree on the side, and a finite-difference step of ~1e-4 cannot cross it), and a
   * reference gradient that is not all ~0 (small ReLU nets can be entirely dead, which would make
   * any comparison vacuous). Throws when 200 seeds in a row are unusable.
   */
  static Problem usable(NetworkSpec spec, int rows, long seed, double scale, double reluMargin) {
    ReferenceMlp ref = new ReferenceMlp(spec);
    for (int attempt = 0; attempt < 200; attempt++) {
      long s = seed + 7919L * attempt;
      float[] theta = theta(spec, s, scale);
      Batch b = batch(spec, rows, s + 1);
      double[] th = ReferenceMlp.toDouble(theta);
      double[] x = ReferenceMlp.toDouble(b.x());
      if (ref.reluMargin(th, x, b.xOff(), rows) < reluMargin) {
        continue;
      }
      double[] grad = new double[theta.length];
      ref.gradientSum(th, x, b.xOff(), ReferenceMlp.toDouble(b.t()), b.tOff(), rows, grad);
      double max = 0;
      for (double g : grad) {
        max = Math.max(max, Math.abs(g));
      }
      if (max > 1e-3) {
        return new Problem(spec, theta, b);
      }
    }
    throw new IllegalStateException("no usable problem for " + spec + " with " + rows + " rows");
  }
}
