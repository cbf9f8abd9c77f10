package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Input standardization (docs/equations.md, Normalization): μ_j and σ_j² with N − 1, in
 * one pass; the model applies x̂ = (x − μ)/√(σ² + ε) itself, so it takes raw features.
 */
class StandardizationTest {

  @Test
  void fitFollowsTheNotes() {
    NetworkSpec spec = ArchitectureProblems.spec("2-3-2", "tanh", "softmax", "cross_entropy",
        a -> a.withStandardize(true));
    Network net = new Network(spec);
    float[] x = {1f, 10f, 2f, 20f, 3f, 60f, 6f, 30f};
    net.fitStandardization(x, 0, 4);
    // μ = (3, 30); σ² = Σ (x − μ)² / 3 = (4+1+0+9)/3, (400+100+900+0)/3
    assertArrayEquals(new float[] {3f, 30f}, net.state().inputMean(), 1e-6f);
    assertArrayEquals(new float[] {14f / 3, 1400f / 3}, net.state().inputVariance(), 1e-4f);
    // Welford at an offset, on large values: the same as two passes in double.
    float[] big = new float[3 + 2 * 1000];
    double[] sum = new double[2];
    for (int n = 0; n < 1000; n++) {
      big[3 + 2 * n] = 1e4f + (n % 7);
      big[3 + 2 * n + 1] = -5f + 0.01f * n;
      sum[0] += big[3 + 2 * n];
      sum[1] += big[3 + 2 * n + 1];
    }
    net.fitStandardization(big, 3, 1000);
    for (int j = 0; j < 2; j++) {
      double mu = sum[j] / 1000;
      double var = 0;
      for (int n = 0; n < 1000; n++) {
        var += (big[3 + 2 * n + j] - mu) * (big[3 + 2 * n + j] - mu) / 999;
      }
      assertEquals(mu, net.state().inputMean()[j], Math.abs(mu) * 1e-6);
      assertEquals(var, net.state().inputVariance()[j], var * 1e-5);
    }
  }

  /** A standardizing model on raw x equals the same weights without it on x̂. */
  @Test
  void theModelTakesRawFeatures() {
    NetworkSpec plain = ArchitectureProblems.spec("3-5-2", "tanh", "softmax", "cross_entropy",
        a -> a);
    NetworkSpec std = plain.with(plain.architecture().withStandardize(true));
    Network raw = new Network(std);
    int rows = 6;
    float[] x = new float[rows * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = 100f + 10f * (float) Math.sin(i * 1.7) + i % 3;
    }
    raw.fitStandardization(x, 0, rows);
    float[] mu = raw.state().inputMean();
    float[] var = raw.state().inputVariance();
    float eps = std.architecture().epsilon();
    float[] xhat = new float[x.length];
    for (int n = 0; n < rows; n++) {
      for (int j = 0; j < 3; j++) {
        xhat[n * 3 + j] = (float) ((x[n * 3 + j] - mu[j]) / Math.sqrt(var[j] + eps));
      }
    }
    float[] theta = Problems.theta(plain, 1, 0.7);
    float[] a = raw.forward(theta, x, 0, rows, raw.newWorkspace(rows)).clone();
    Network ref = new Network(plain);
    float[] b = ref.forward(theta, xhat, 0, rows, ref.newWorkspace(rows));
    for (int i = 0; i < rows * 2; i++) {
      assertEquals(b[i], a[i], 1e-5f);
    }
  }

  @Test
  void aPlainNetworkHasNoStandardization() {
    Network net = new Network(ArchitectureProblems.spec("2-2", "tanh", "linear", "squared",
        a -> a));
    assertNull(net.state().inputMean());
    assertEquals(0, net.state().size());
    net.fitStandardization(new float[] {1f, 2f}, 0, 1); // no-op
    assertThrows(IllegalStateException.class,
        () -> net.state().fitStandardization(new float[] {1f, 2f}, 0, 1));
  }
}
