package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Seeded initial weights: reproducible, zero biases, He N(0, 2/M_{k−1}) for layers of ReLU units
 * and Glorot U(−a, a), a = √(6/(M_{k−1} + M_k)), for the others. Moments are checked on large
 * layers (≥ 6·10⁴ weights) with loose tolerances (5% on variances, ~8 standard errors; 0.1–0.3
 * on the kurtosis, Gaussian 3 vs uniform 1.8); bounds are checked on every layer.
 */
class InitializerTest {

  private static final Network RELU_NET =
      new Network(Problems.spec("400-300-200-10", "relu", "softmax", "cross_entropy"));
  private static final Network TANH_NET =
      new Network(Problems.spec("400-300-200-10", "tanh", "linear", "squared"));

  @Test
  void sameSeedGivesTheSameTheta() {
    float[] a = Initializer.initialTheta(RELU_NET, 42);
    float[] b = Initializer.initialTheta(RELU_NET, 42);
    assertEquals(RELU_NET.parameterCount(), a.length);
    assertArrayEquals(a, b);
  }

  @Test
  void differentSeedsGiveDifferentTheta() {
    float[] a = Initializer.initialTheta(TANH_NET, 1);
    float[] b = Initializer.initialTheta(TANH_NET, 2);
    assertFalse(Arrays.equals(a, b));
    int same = 0;
    for (int p = 0; p < a.length; p++) {
      if (a[p] == b[p] && a[p] != 0f) {
        same++;
      }
    }
    assertTrue(same < a.length / 1000, same + " weights coincide");
  }

  @Test
  void biasesAreZeroAndWeightsAreNot() {
    for (Network net : new Network[] {RELU_NET, TANH_NET}) {
      float[] theta = Initializer.initialTheta(net, 7);
      ThetaLayout layout = net.layout();
      NetworkSpec spec = net.spec();
      int zeroWeights = 0;
      for (int k = 1; k <= spec.depth(); k++) {
        for (int i = 0; i < spec.size(k); i++) {
          assertEquals(0f, theta[layout.index(k, i, 0)], "bias θ^" + k + "_" + i + "0");
          for (int j = 1; j <= spec.size(k - 1); j++) {
            if (theta[layout.index(k, i, j)] == 0f) {
              zeroWeights++;
            }
          }
        }
      }
      assertTrue(zeroWeights < 3, zeroWeights + " weights are exactly 0");
    }
  }

  /** Layers of ReLU units: mean 0, variance 2/M_{k−1}, Gaussian (kurtosis 3, unbounded). */
  @Test
  void reluLayersUseHeScale() {
    float[] theta = Initializer.initialTheta(RELU_NET, 3);
    for (int k = 1; k <= 2; k++) {
      double[] w = weights(RELU_NET, theta, k);
      int fanIn = RELU_NET.spec().size(k - 1);
      double var = variance(w);
      assertEquals(0, mean(w), 0.05 * Math.sqrt(2.0 / fanIn), "mean of layer " + k);
      assertEquals(2.0 / fanIn, var, 0.05 * 2.0 / fanIn, "variance of layer " + k);
      assertEquals(3.0, kurtosis(w), 0.3, "kurtosis of layer " + k + " (Gaussian)");
      double glorot = Math.sqrt(6.0 / (fanIn + RELU_NET.spec().size(k)));
      assertTrue(maxAbs(w) > glorot, "He weights are not bounded by the Glorot limit");
    }
  }

  /** Layers of saturating/linear units: U(−a, a), a = √(6/(fanIn + fanOut)); variance a²/3. */
  @Test
  void otherLayersUseGlorotBound() {
    float[] theta = Initializer.initialTheta(TANH_NET, 5);
    for (int k = 1; k <= 3; k++) {
      double[] w = weights(TANH_NET, theta, k);
      double a = Math.sqrt(6.0 / (TANH_NET.spec().size(k - 1) + TANH_NET.spec().size(k)));
      assertTrue(maxAbs(w) <= a * (1 + 1e-6), "layer " + k + ": |w| ≤ " + a);
      assertTrue(maxAbs(w) > 0.99 * a, "layer " + k + ": the bound is reached");
      if (w.length >= 60_000) {
        assertEquals(0, mean(w), 0.05 * a, "mean of layer " + k);
        assertEquals(a * a / 3, variance(w), 0.05 * a * a / 3, "variance of layer " + k);
        assertEquals(1.8, kurtosis(w), 0.1, "kurtosis of layer " + k + " (uniform)");
      }
    }
    // The softmax output layer of the ReLU net is not a ReLU layer: Glorot too.
    double[] out = weights(RELU_NET, Initializer.initialTheta(RELU_NET, 5), 3);
    double a = Math.sqrt(6.0 / (200 + 10));
    assertTrue(maxAbs(out) <= a * (1 + 1e-6), "output layer: |w| ≤ " + a);
    assertTrue(maxAbs(out) > 0.99 * a, "output layer: the bound is reached");
  }

  private static double[] weights(Network net, float[] theta, int k) {
    NetworkSpec spec = net.spec();
    double[] w = new double[spec.size(k) * spec.size(k - 1)];
    int n = 0;
    for (int i = 0; i < spec.size(k); i++) {
      for (int j = 1; j <= spec.size(k - 1); j++) {
        w[n++] = theta[net.layout().index(k, i, j)];
      }
    }
    return w;
  }

  private static double mean(double[] w) {
    return Arrays.stream(w).average().orElseThrow();
  }

  private static double variance(double[] w) {
    double m = mean(w);
    return Arrays.stream(w).map(v -> (v - m) * (v - m)).sum() / (w.length - 1);
  }

  private static double kurtosis(double[] w) {
    double m = mean(w);
    double v = variance(w);
    return Arrays.stream(w).map(x -> Math.pow(x - m, 4)).sum() / w.length / (v * v);
  }

  private static double maxAbs(double[] w) {
    return Arrays.stream(w).map(Math::abs).max().orElseThrow();
  }
}
