package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference gradient check of the float32 {@link Network#gradient}: every parameter θ_p
 * of small nets is perturbed by ±h (h = 1e-4) in double precision and the central difference
 * [Q(Θ + h·e_p) − Q(Θ − h·e_p)] / 2h of the double-precision loss Q = Σ_n q_n (the
 * {@link ReferenceMlp}'s forward pass; no backward code involved) must match the analytical
 * gradient: |a − b| / max(|a|, |b|, 1e-3) ≤ 1e-3.
 *
 * <p>The central difference has truncation error O(h²) ≈ 1e-9 here, far below float32 rounding
 * of the analytical gradient (~1e-6 relative), so the tolerance is set by float32.
 *
 * <p>ReLU kinks: g_U is not differentiable at 0, and a difference quotient across the kink
 * measures neither one-sided derivative. Problems are therefore drawn (see
 * {@link Problems#usable}) so that every ReLU pre-activation is at least 1e-2 away from 0. A step
 * of h = 1e-4 in one parameter moves a pre-activation by h·s_j (times downstream weights of order
 * one), i.e. ~1e-4 to 1e-3 for these small nets with inputs in (−1, 1) and weights in (−1, 1), so
 * no coordinate's difference quotient straddles a kink and no coordinate needs to be skipped.
 */
class GradientCheckTest {

  static final double H = 1e-4;
  static final double TOL = 1e-3;
  static final double FLOOR = 1e-3;
  static final int ROWS = 3;

  static final String[] HIDDEN = {"linear", "relu", "sigmoid", "tanh", "softsign", "softmax"};
  static final String[][] OUTPUTS = {
      {"softmax", "cross_entropy"}, {"softmax", "squared"}, {"sigmoid", "squared"},
      {"linear", "squared"}, {"tanh", "squared"}, {"softsign", "squared"}, {"relu", "squared"}};

  /** Each differentiable activation in the hidden layer of a 3-4-3 net, under two outputs. */
  static Stream<Arguments> hiddenActivations() {
    List<Arguments> cases = new ArrayList<>();
    for (String hidden : HIDDEN) {
      cases.add(Arguments.of("3-4-3", hidden, "linear", "squared"));
      cases.add(Arguments.of("3-4-3", hidden, "softmax", "cross_entropy"));
    }
    return cases.stream();
  }

  /** Each valid output activation and loss, behind a tanh hidden layer and with none at all. */
  static Stream<Arguments> outputs() {
    List<Arguments> cases = new ArrayList<>();
    for (String[] out : OUTPUTS) {
      cases.add(Arguments.of("3-4-3", "tanh", out[0], out[1]));
      cases.add(Arguments.of("2-3", "tanh", out[0], out[1]));
    }
    return cases.stream();
  }

  /** A whole three-layer net, 4-6-5-3, with every hidden activation and both losses. */
  static Stream<Arguments> threeLayerNets() {
    List<Arguments> cases = new ArrayList<>();
    for (String hidden : HIDDEN) {
      cases.add(Arguments.of("4-6-5-3", hidden, "softmax", "cross_entropy"));
      cases.add(Arguments.of("4-6-5-3", hidden, "sigmoid", "squared"));
      cases.add(Arguments.of("4-6-5-3", hidden, "softmax", "squared"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}/{2} {3}")
  @MethodSource("hiddenActivations")
  void hiddenActivationGradientMatchesFiniteDifferences(String layers, String hidden,
      String output, String loss) {
    check(Problems.spec(layers, hidden, output, loss));
  }

  @ParameterizedTest(name = "{0} {1}/{2} {3}")
  @MethodSource("outputs")
  void outputAndLossGradientMatchesFiniteDifferences(String layers, String hidden, String output,
      String loss) {
    check(Problems.spec(layers, hidden, output, loss));
  }

  @ParameterizedTest(name = "{0} {1}/{2} {3}")
  @MethodSource("threeLayerNets")
  void threeLayerNetGradientMatchesFiniteDifferences(String layers, String hidden, String output,
      String loss) {
    check(Problems.spec(layers, hidden, output, loss));
  }

  private static void check(NetworkSpec spec) {
    Problems.Problem problem = Problems.usable(spec, ROWS, spec.toString().hashCode(), 1.0, 1e-2);
    Problems.Batch b = problem.batch();
    Network net = new Network(spec);
    float[] grad = new float[net.parameterCount()];
    net.gradient(problem.theta(), b.x(), b.xOff(), b.t(), b.tOff(), ROWS,
        net.newWorkspace(ROWS), grad);

    double[] numeric = finiteDifferences(spec, problem, H);
    double worst = 0;
    String worstAt = "";
    for (int p = 0; p < grad.length; p++) {
      double error = relativeError(numeric[p], grad[p], FLOOR);
      if (Double.isNaN(error) || error > worst) {
        worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
        worstAt = "Θ[" + p + "] " + BatchedVsReferenceTest.where(spec, p) + ": finite difference "
            + numeric[p] + ", Network.gradient " + grad[p];
      }
    }
    assertTrue(worst <= TOL, spec + ": relative error " + worst + " > " + TOL + " at " + worstAt);
  }

  /** ∂(Σ_n q_n)/∂θ_p by central differences of the reference's double forward pass. */
  static double[] finiteDifferences(NetworkSpec spec, Problems.Problem problem, double h) {
    ReferenceMlp ref = new ReferenceMlp(spec);
    Problems.Batch b = problem.batch();
    double[] theta = ReferenceMlp.toDouble(problem.theta());
    double[] x = ReferenceMlp.toDouble(b.x());
    double[] t = ReferenceMlp.toDouble(b.t());
    double[] numeric = new double[theta.length];
    for (int p = 0; p < theta.length; p++) {
      double saved = theta[p];
      theta[p] = saved + h;
      double plus = ref.lossSum(theta, x, b.xOff(), t, b.tOff(), b.rows());
      theta[p] = saved - h;
      double minus = ref.lossSum(theta, x, b.xOff(), t, b.tOff(), b.rows());
      theta[p] = saved;
      numeric[p] = (plus - minus) / (2 * h);
    }
    return numeric;
  }

  static double relativeError(double a, double b, double floor) {
    return Math.abs(a - b) / Math.max(Math.max(Math.abs(a), Math.abs(b)), floor);
  }
}
