package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The distillation loss α·T²·CE(p, softmax(z/T)) + (1 − α)·CE(y, softmax(z)) and its δ^L, checked
 * against a double-precision reference written from the formula, by central differences in the
 * logits z, and through a whole network by central differences in Θ.
 */
class DistillationTest {

  private static final int K = 4;

  /** softmax(z/T) in double. */
  private static double[] softmax(double[] z, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v / temperature);
    }
    double[] e = new double[z.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      e[i] = Math.exp(z[i] / temperature - max);
      sum += e[i];
    }
    for (int i = 0; i < z.length; i++) {
      e[i] /= sum;
    }
    return e;
  }

  /** q(z) in double, straight from the formula. */
  private static double reference(double[] z, double[] y, double[] p, double t, double alpha) {
    double[] u = softmax(z, t);
    double[] s = softmax(z, 1);
    double soft = 0;
    double hard = 0;
    for (int i = 0; i < z.length; i++) {
      soft -= p[i] * Math.log(u[i]);
      hard -= y[i] * Math.log(s[i]);
    }
    return alpha * t * t * soft + (1 - alpha) * hard;
  }

  private static double[] randomLogits(SplittableRandom random) {
    double[] z = new double[K];
    for (int i = 0; i < K; i++) {
      z[i] = 3 * (2 * random.nextDouble() - 1);
    }
    return z;
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  /** {@code rows} rows of soft targets at {@code temperature}, from random logits. */
  private static float[] softTargets(int rows, float temperature, long seed) {
    float[] p = new float[rows * K];
    SplittableRandom random = new SplittableRandom(seed);
    for (int n = 0; n < rows; n++) {
      System.arraycopy(toFloat(softmax(randomLogits(random), temperature)), 0, p, n * K, K);
    }
    return p;
  }

  /**
   * Checks the K values of δ from {@code delta[off]} against −∂q/∂z of the reference at the
   * logits z, by central differences.
   */
  private static void assertDeltaMatchesFiniteDifferences(float[] delta, int off, double[] z,
      double[] y, double[] p, double temperature, double alpha, String where) {
    double h = 1e-5;
    for (int i = 0; i < K; i++) {
      double[] up = z.clone();
      double[] down = z.clone();
      up[i] += h;
      down[i] -= h;
      double minusGradient = -(reference(up, y, p, temperature, alpha)
          - reference(down, y, p, temperature, alpha)) / (2 * h);
      assertEquals(minusGradient, delta[off + i], 1e-4 * Math.max(1, Math.abs(minusGradient)),
          where + "[" + i + "]");
    }
  }

  /** The student network of the checks through Θ: 3-5-4, tanh, softmax, cross-entropy. */
  private static NetworkSpec studentSpec() {
    return Problems.spec("3-5-4", "tanh", "softmax", "cross_entropy");
  }

  /**
   * Checks ∂Q/∂Θ of {@code net} under {@code d} on the rows of {@code b} with targets {@code t}
   * (from b.tOff()), soft targets p and the flags {@code unlabeled} (null: none) against central
   * differences of the training loss in Θ.
   */
  private static void assertNetworkGradientMatchesFiniteDifferences(Network net, float[] theta,
      Problems.Batch b, float[] t, float[] p, boolean[] unlabeled, Distillation d) {
    int rows = b.rows();
    float[] grad = new float[theta.length];
    Workspace ws = net.newWorkspace(rows);
    net.gradient(theta, b.x(), b.xOff(), t, b.tOff(), null, 0, rows, ws, grad, 0L, p, 0,
        unlabeled, 0, d);
    float h = 1e-2f;
    for (int i = 0; i < theta.length; i++) {
      float[] up = theta.clone();
      float[] down = theta.clone();
      up[i] += h;
      down[i] -= h;
      double diff = (net.trainingLoss(up, b.x(), b.xOff(), t, b.tOff(), rows, ws, 0L, p, 0,
          unlabeled, 0, d)
          - net.trainingLoss(down, b.x(), b.xOff(), t, b.tOff(), rows, ws, 0L, p, 0, unlabeled,
              0, d)) / (2 * h);
      // grad holds ∂Q/∂Θ (the sign of a gradient, see Network#gradient).
      assertEquals(diff, grad[i], 2e-2 * Math.max(0.05, Math.abs(diff)), "theta[" + i + "]");
    }
  }

  @ParameterizedTest(name = "T={0} alpha={1}")
  @CsvSource({"1,0", "1,1", "2,0.5", "4,0.9", "8,1", "0.5,0.3"})
  void valueAndDeltaMatchTheFormulaAndItsFiniteDifferences(float temperature, float alpha) {
    Distillation d = new Distillation(temperature, alpha);
    SplittableRandom random = new SplittableRandom(17);
    for (int trial = 0; trial < 20; trial++) {
      double[] z = randomLogits(random);
      double[] y = new double[K];
      y[random.nextInt(K)] = 1;
      double[] p = softmax(randomLogits(random), temperature);
      float[] s = toFloat(softmax(z, 1));
      float[] yf = toFloat(y);
      float[] pf = toFloat(p);
      double expected = reference(z, y, p, temperature, alpha);
      assertEquals(expected, d.value(s, 0, yf, 0, pf, 0, 1, K, new float[K]),
          1e-5 * Math.max(1, Math.abs(expected)), "q");
      float[] delta = new float[K];
      d.outputDelta(s, yf, 0, pf, 0, delta, 1, K, new float[K]);
      assertDeltaMatchesFiniteDifferences(delta, 0, z, y, p, temperature, alpha,
          "trial " + trial + ", delta");
    }
  }

  @Test
  void softenIsTheSoftmaxOfTheLogitsAtTemperature() {
    SplittableRandom random = new SplittableRandom(3);
    double[] z = randomLogits(random);
    float[] p = toFloat(softmax(z, 1));
    new Distillation(3, 0.5f).soften(p, 0, 1, K, new float[K]);
    assertArrayEquals(toFloat(softmax(z, 3)), p, 1e-6f);
    float[] same = toFloat(softmax(z, 1));
    new Distillation(1, 0.5f).soften(same, 0, 1, K, new float[K]);
    assertArrayEquals(toFloat(softmax(z, 1)), same, 1e-6f);
  }

  /** With α = 0 the loss is the hard cross-entropy: the same bits as the plain loss. */
  @Test
  void alphaZeroIsBitwiseThePlainCrossEntropyThroughANetwork() {
    NetworkSpec spec = studentSpec();
    Network net = new Network(spec);
    float[] theta = Problems.theta(spec, 5, 0.8);
    Problems.Batch b = Problems.batch(spec, 6, 9);
    float[] p = new float[6 * K];
    java.util.Arrays.fill(p, 0.25f);
    float[] plain = new float[theta.length];
    float[] distilled = new float[theta.length];
    double q0 = net.gradient(theta, b.x(), b.xOff(), b.t(), b.tOff(), null, 0, b.rows(),
        net.newWorkspace(6), plain, 0L);
    double q1 = net.gradient(theta, b.x(), b.xOff(), b.t(), b.tOff(), null, 0, b.rows(),
        net.newWorkspace(6), distilled, 0L, p, 0, new Distillation(4, 0));
    assertEquals(q0, q1);
    assertArrayEquals(plain, distilled);
  }

  /** ∂Q/∂Θ of the whole network under the distillation loss, by central differences in Θ. */
  @ParameterizedTest(name = "T={0} alpha={1}")
  @CsvSource({"2,0.5", "4,0.9", "1,1"})
  void networkGradientMatchesFiniteDifferences(float temperature, float alpha) {
    NetworkSpec spec = studentSpec();
    Problems.Batch b = Problems.batch(spec, 5, 13);
    assertNetworkGradientMatchesFiniteDifferences(new Network(spec), Problems.theta(spec, 11, 0.8),
        b, b.t(), softTargets(5, temperature, 21), null, new Distillation(temperature, alpha));
  }

  /**
   * A batch of labeled rows and rows without labels (flagged, targets all 0 as packed): the value
   * and δ of each row match the formula with y = 0, whose hard term and its gradient vanish, by
   * central differences in the logits; a labeled row in the same batch keeps both terms.
   */
  @ParameterizedTest(name = "T={0} alpha={1}")
  @CsvSource({"2,0.5", "4,0.9", "1,0.3"})
  void unlabeledRowsInABatchContributeTheSoftTermOnly(float temperature, float alpha) {
    Distillation d = new Distillation(temperature, alpha);
    SplittableRandom random = new SplittableRandom(29);
    int rows = 6;
    double[][] z = new double[rows][];
    double[][] y = new double[rows][];
    double[][] p = new double[rows][];
    float[] s = new float[rows * K];
    float[] yf = new float[rows * K];
    float[] pf = new float[rows * K];
    boolean[] unlabeled = new boolean[rows];
    double expected = 0;
    for (int n = 0; n < rows; n++) {
      z[n] = randomLogits(random);
      y[n] = new double[K];
      if (n % 2 == 0) {
        y[n][random.nextInt(K)] = 1; // even rows labeled, odd rows without a label
      } else {
        unlabeled[n] = true;
      }
      p[n] = softmax(randomLogits(random), temperature);
      System.arraycopy(toFloat(softmax(z[n], 1)), 0, s, n * K, K);
      System.arraycopy(toFloat(y[n]), 0, yf, n * K, K);
      System.arraycopy(toFloat(p[n]), 0, pf, n * K, K);
      expected += reference(z[n], y[n], p[n], temperature, alpha);
    }
    float[] scratch = new float[K];
    assertEquals(expected, d.value(s, 0, yf, 0, pf, 0, unlabeled, 0, rows, K, scratch),
        1e-5 * Math.max(1, Math.abs(expected)), "Q");
    float[] delta = new float[rows * K];
    d.outputDelta(s, yf, 0, pf, 0, unlabeled, 0, delta, rows, K, scratch);
    for (int n = 0; n < rows; n++) {
      assertDeltaMatchesFiniteDifferences(delta, n * K, z[n], y[n], p[n], temperature, alpha,
          "delta[" + n + "]");
      if (n % 2 == 1) {
        // soft term only: α·T·(p − u), which sums to 0 over the classes (the hard part would not)
        double sum = 0;
        for (int i = 0; i < K; i++) {
          sum += delta[n * K + i];
        }
        assertEquals(0, sum, 1e-6);
      }
    }
  }

  /**
   * The flag, not the targets, says a row has no label: a flagged row with a one-hot label adds
   * its soft term only, and a row with a label whose targets are all 0 keeps the hard part
   * (1 − α)·(0 − s) of its δ, as the plain cross-entropy's δ = t − s does.
   */
  @Test
  void theFlagNotTheTargetsSaysWhichRowsHaveNoLabel() {
    float temperature = 2;
    float alpha = 0.4f;
    Distillation d = new Distillation(temperature, alpha);
    SplittableRandom random = new SplittableRandom(31);
    double[] z0 = randomLogits(random);
    double[] z1 = randomLogits(random);
    float[] s = new float[2 * K];
    System.arraycopy(toFloat(softmax(z0, 1)), 0, s, 0, K);
    System.arraycopy(toFloat(softmax(z1, 1)), 0, s, K, K);
    float[] p = new float[2 * K];
    System.arraycopy(toFloat(softmax(randomLogits(random), temperature)), 0, p, 0, K);
    System.arraycopy(toFloat(softmax(randomLogits(random), temperature)), 0, p, K, K);
    float[] y = new float[2 * K]; // row 0: a label whose targets are all 0
    y[K + 2] = 1; // row 1: flagged, with a one-hot label that must not count
    boolean[] unlabeled = {false, true};
    float[] delta = new float[2 * K];
    float[] u = new float[K];
    d.outputDelta(s, y, 0, p, 0, unlabeled, 0, delta, 2, K, u);
    double[] u0 = softmax(z0, temperature);
    double[] u1 = softmax(z1, temperature);
    double soft = 0;
    for (int i = 0; i < K; i++) {
      assertEquals(alpha * temperature * (p[i] - u0[i]) + (1 - alpha) * (0 - s[i]), delta[i],
          1e-5, "row 0, delta[" + i + "]");
      assertEquals(alpha * temperature * (p[K + i] - u1[i]), delta[K + i], 1e-5,
          "row 1, delta[" + i + "]");
      soft -= p[K + i] * Math.log(u1[i]);
    }
    // Row 0's hard term is 0 (its targets are), row 1's is left out: the soft terms alone.
    for (int i = 0; i < K; i++) {
      soft -= p[i] * Math.log(u0[i]);
    }
    double expected = alpha * temperature * temperature * soft;
    assertEquals(expected, d.value(s, 0, y, 0, p, 0, unlabeled, 0, 2, K, u),
        1e-5 * Math.max(1, Math.abs(expected)));
    // Without flags every row has a label: row 1's hard term counts.
    assertTrue(d.value(s, 0, y, 0, p, 0, 2, K, u) > expected + 1e-3);
  }

  /** ∂Q/∂Θ of a whole network on a batch with rows without labels, by central differences. */
  @ParameterizedTest(name = "T={0} alpha={1}")
  @CsvSource({"2,0.5", "4,0.9"})
  void networkGradientOnAMixedBatchMatchesFiniteDifferences(float temperature, float alpha) {
    NetworkSpec spec = studentSpec();
    Problems.Batch b = Problems.batch(spec, 6, 13);
    float[] t = b.t().clone();
    boolean[] unlabeled = new boolean[6];
    for (int n = 1; n < 6; n += 2) {
      java.util.Arrays.fill(t, b.tOff() + n * K, b.tOff() + (n + 1) * K, 0f);
      unlabeled[n] = true;
    }
    assertNetworkGradientMatchesFiniteDifferences(new Network(spec), Problems.theta(spec, 11, 0.8),
        b, t, softTargets(6, temperature, 23), unlabeled, new Distillation(temperature, alpha));
  }

  @Test
  void settingsOutsideTheirRangesAreRefusedByName() {
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> new Distillation(0, 0.5f));
    assertTrue(t.getMessage().contains("distill.temperature is 0.0"), t.getMessage());
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> new Distillation(2, 1.5f));
    assertTrue(a.getMessage().contains("distill.alpha is 1.5"), a.getMessage());
    assertTrue(Distillation.incompatibility(new Sigmoid(), new SquaredError())
        .contains("output=softmax and loss=cross_entropy"));
  }
}
