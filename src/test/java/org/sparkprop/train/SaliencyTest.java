package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.Workspace;

/**
 * Saliency Σ_b |θ_i · g_b,i| against central differences of each batch's summed loss, in
 * double precision through the float network: |θ_i · (Q_b(θ + h·e_i) − Q_b(θ − h·e_i)) / 2h|.
 */
class SaliencyTest {

  private static final Network NET = new Network(new NetworkSpec(new int[] {4, 6, 3},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));

  private static double batchLoss(float[] theta, Samples s, int from, int n) {
    Workspace ws = NET.newWorkspace(n);
    return NET.loss(theta, s.x(), from * s.inputs(), s.t(), from * s.outputs(), n, ws);
  }

  @Test
  void saliencyIsTheSumOverBatchesOfTheFiniteDifferenceTaylorTerm() {
    Samples data = TestSets.random(30, 4, 3, 5);
    float[] theta = Initializer.initialTheta(NET, 9);
    int batchRows = 8; // batches of 8, 8, 8 and 6 rows
    float[] saliency = new float[theta.length];
    new Saliency(NET).accumulate(theta, data, batchRows, saliency);
    double h = 1e-2;
    double worst = 0;
    double fullData = 0;
    for (int i = 0; i < theta.length; i++) {
      double expected = 0;
      double sum = 0;
      for (int from = 0; from < data.rows(); from += batchRows) {
        int n = Math.min(batchRows, data.rows() - from);
        float[] plus = theta.clone();
        float[] minus = theta.clone();
        plus[i] = (float) (theta[i] + h);
        minus[i] = (float) (theta[i] - h);
        double g = (batchLoss(plus, data, from, n) - batchLoss(minus, data, from, n))
            / (plus[i] - minus[i]);
        expected += Math.abs(theta[i] * g);
        sum += theta[i] * g;
      }
      fullData += Math.abs(sum);
      double err = Math.abs(saliency[i] - expected) / Math.max(1e-3, expected);
      worst = Math.max(worst, err);
      // Measured worst relative error 2e-4 (float losses, h = 1e-2): margin x10.
      assertEquals(expected, saliency[i], 2e-3 * Math.max(1e-3, expected), "entry " + i);
    }
    assertTrue(worst > 0, "the comparison compared something");
    double total = 0;
    for (float v : saliency) {
      total += v;
    }
    // The batch terms in absolute value add up to more than the full-data term.
    assertTrue(total > fullData, total + " vs " + fullData);
  }

  @Test
  void theInMemorySourceSumsItsShards() {
    Samples data = TestSets.random(41, 4, 3, 6);
    float[] theta = Initializer.initialTheta(NET, 2);
    InMemoryGradientSource source = new InMemoryGradientSource(NET, data,
        new BatchPlan(2, 10, 1));
    float[] s = source.saliency(theta, 5);
    float[] expected = new float[theta.length];
    Saliency one = new Saliency(NET);
    for (Shard shard : Shard.split(data, 2)) {
      one.accumulate(theta, shard.samples(), 5, expected);
    }
    for (int i = 0; i < s.length; i++) {
      assertEquals(expected[i], s[i], 0f, "entry " + i);
    }
  }
}
