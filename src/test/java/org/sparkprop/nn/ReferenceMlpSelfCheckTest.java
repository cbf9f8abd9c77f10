package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle itself is right: {@link ReferenceMlp}'s backpropagated gradient (all in double)
 * agrees with central differences of its own forward loss to |a − b| / max(|a|, |b|, 1e-3) ≤ 1e-6
 * (h = 1e-5), and its forward pass matches a hand computation. Without this, agreement between
 * Network and the reference would prove nothing.
 */
class ReferenceMlpSelfCheckTest {

  static Stream<Arguments> specs() {
    List<Arguments> cases = new ArrayList<>();
    for (String hidden : GradientCheckTest.HIDDEN) {
      for (String[] out : GradientCheckTest.OUTPUTS) {
        cases.add(Arguments.of("3-4-3-3", hidden, out[0], out[1]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}/{2} {3}")
  @MethodSource("specs")
  void backpropMatchesFiniteDifferencesInDouble(String layers, String hidden, String output,
      String loss) {
    NetworkSpec spec = Problems.spec(layers, hidden, output, loss);
    Problems.Problem problem = Problems.usable(spec, 3, 99, 1.0, 1e-2);
    Problems.Batch b = problem.batch();
    double[] analytic = new double[problem.theta().length];
    new ReferenceMlp(spec).gradientSum(ReferenceMlp.toDouble(problem.theta()),
        ReferenceMlp.toDouble(b.x()), b.xOff(), ReferenceMlp.toDouble(b.t()), b.tOff(), b.rows(),
        analytic);
    double[] numeric = GradientCheckTest.finiteDifferences(spec, problem, 1e-5);
    for (int p = 0; p < analytic.length; p++) {
      double error = GradientCheckTest.relativeError(numeric[p], analytic[p], 1e-3);
      assertTrue(error <= 1e-6, "Θ[" + p + "]: analytic " + analytic[p] + ", numeric "
          + numeric[p] + ", relative error " + error);
    }
  }

  /**
   * A 2-2-1 net worked by hand: s^1 = tanh(θ^1·(1, x)), s^2 = sigmoid(θ^2·(1, s^1)), and
   * q = ½(t − s^2)².
   */
  @Test
  void forwardAndLossMatchAHandComputation() {
    NetworkSpec spec = Problems.spec("2-2-1", "tanh", "sigmoid", "squared");
    ThetaLayout layout = new ThetaLayout(spec);
    double[] theta = new double[layout.size()];
    double[][] w1 = {{0.1, 0.2, -0.3}, {-0.4, 0.5, 0.6}};
    double[] w2 = {0.7, -0.8, 0.9};
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        theta[layout.index(1, i, j)] = w1[i][j];
      }
    }
    for (int j = 0; j < 3; j++) {
      theta[layout.index(2, 0, j)] = w2[j];
    }
    double[] x = {0.5, -1.5};
    double h1 = Math.tanh(0.1 + 0.2 * 0.5 - 0.3 * -1.5);
    double h2 = Math.tanh(-0.4 + 0.5 * 0.5 + 0.6 * -1.5);
    double out = 1 / (1 + Math.exp(-(0.7 - 0.8 * h1 + 0.9 * h2)));
    ReferenceMlp ref = new ReferenceMlp(spec);
    assertEquals(out, ref.outputs(theta, x, 0, 1)[0], 1e-12);
    assertEquals(0.5 * (0.25 - out) * (0.25 - out),
        ref.lossSum(theta, x, 0, new double[] {0.25}, 0, 1), 1e-12);
  }
}
