package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inverted drop-out: in training a fraction p of a layer's outputs is zeroed and the rest scaled
 * by 1/(1 − p); the mask is a function of the seed alone; inference is the plain network.
 */
class DropoutTest {

  @ParameterizedTest
  @ValueSource(floats = {0.1f, 0.5f, 0.8f})
  void dropsAboutPAndScalesTheRest(float p) {
    int rows = 200;
    int cols = 100;
    float[] s = new float[rows * cols];
    Arrays.fill(s, 2f);
    float[] mask = new float[rows * cols];
    Dropout.apply(s, mask, rows, cols, p, 7L, 1);
    int dropped = 0;
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == 0f) {
        dropped++;
        assertEquals(0f, mask[i]);
      } else {
        assertEquals(2f / (1f - p), s[i], 1e-6f);
        assertEquals(1f / (1f - p), mask[i], 1e-7f);
      }
      sum += s[i];
    }
    // 20,000 Bernoulli draws: the fraction is within 4 standard deviations of p.
    double sd = Math.sqrt(p * (1 - p) / s.length);
    assertEquals(p, dropped / (double) s.length, 4 * sd);
    // E[s] is kept: the mean of the scaled outputs is 2 within the same margin.
    assertEquals(2.0, sum / s.length, 2.0 * 4 * sd / (1 - p));
  }

  @Test
  void maskIsAFunctionOfSeedAndLayer() {
    float[] a = mask(3L, 1);
    assertArrayEquals(a, mask(3L, 1));
    assertFalse(Arrays.equals(a, mask(4L, 1)));
    assertFalse(Arrays.equals(a, mask(3L, 2)));
  }

  private static float[] mask(long seed, int layer) {
    float[] s = new float[500];
    Arrays.fill(s, 1f);
    float[] m = new float[500];
    Dropout.apply(s, m, 50, 10, 0.5f, seed, layer);
    return m;
  }

  @Test
  void inferenceIsThePlainNetworkAndTrainingDependsOnTheSeed() {
    NetworkSpec plain = ArchitectureProblems.spec("4-8-6-3", "tanh", "softmax", "cross_entropy",
        a -> a);
    NetworkSpec dropped = plain.with(plain.architecture().withDropout(0.5f));
    Network a = new Network(plain);
    Network b = new Network(dropped);
    float[] theta = Problems.theta(plain, 3, 0.8);
    Problems.Batch batch = Problems.batch(plain, 9, 4);
    float[] outA = a.forward(theta, batch.x(), batch.xOff(), 9, a.newWorkspace(9)).clone();
    float[] outB = b.forward(theta, batch.x(), batch.xOff(), 9, b.newWorkspace(9));
    assertArrayEquals(Arrays.copyOf(outA, 27), Arrays.copyOf(outB, 27));
    double qa = a.trainingLoss(theta, batch.x(), batch.xOff(), batch.t(), batch.tOff(), 9,
        a.newWorkspace(9), 1L);
    double q1 = b.trainingLoss(theta, batch.x(), batch.xOff(), batch.t(), batch.tOff(), 9,
        b.newWorkspace(9), 1L);
    double q1again = b.trainingLoss(theta, batch.x(), batch.xOff(), batch.t(), batch.tOff(), 9,
        b.newWorkspace(9), 1L);
    double q2 = b.trainingLoss(theta, batch.x(), batch.xOff(), batch.t(), batch.tOff(), 9,
        b.newWorkspace(9), 2L);
    assertEquals(q1, q1again);
    assertTrue(q1 != qa && q1 != q2, qa + " " + q1 + " " + q2);
  }
}
