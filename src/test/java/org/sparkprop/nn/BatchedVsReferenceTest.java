package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batched, BLAS-backed {@link Network} (float32) computes the same forward outputs, summed
 * loss Σ_n q_n and gradient ∂(Σ_n q_n)/∂Θ as the per-sample double-precision {@link ReferenceMlp}
 * written from the equations, for several depths × every differentiable hidden activation × every
 * output/loss pairing × batch sizes 1, 7 and 64.
 *
 * <p>Tolerance: float32 against float64, |a − b| ≤ 1e-4·max(|a|, |b|) + 1e-5.
 *
 * <p>Problems come from {@link Problems#usable}: ReLU pre-activations at least 1e-4 from the kink
 * (a float/double disagreement on the side of 0 would be a rounding artefact, not a bug) and a
 * reference gradient that is not identically ~0 (tiny ReLU-output nets can be entirely dead).
 */
class BatchedVsReferenceTest {

  static final double REL = 1e-4;
  static final double ABS = 1e-5;

  static final String[] LAYERS = {"3-5-4-2", "4-7-6-5-3", "1-1"};
  static final String[] HIDDEN = {"linear", "relu", "sigmoid", "tanh", "softsign", "softmax"};
  /** Output activation and loss. */
  static final String[][] OUTPUTS = {
      {"softmax", "cross_entropy"}, {"softmax", "squared"}, {"sigmoid", "squared"},
      {"linear", "squared"}, {"tanh", "squared"}, {"softsign", "squared"}, {"relu", "squared"}};
  static final int[] BATCHES = {1, 7, 64};

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String layers : LAYERS) {
      int[] sizes = Arrays.stream(layers.split("-")).mapToInt(Integer::parseInt).toArray();
      boolean hasHidden = sizes.length > 2;
      for (String hidden : HIDDEN) {
        if (!hasHidden && !hidden.equals("linear")) {
          continue; // a single weight layer has no hidden activation: one case is enough
        }
        for (String[] out : OUTPUTS) {
          if (out[0].equals("softmax") && sizes[sizes.length - 1] < 2) {
            continue; // refused by NetworkSpec (tested elsewhere)
          }
          for (int rows : BATCHES) {
            cases.add(Arguments.of(layers, hidden, out[0], out[1], rows));
          }
        }
      }
    }
    return cases.stream();
  }

  private static long seed(String layers, String hidden, String output, String loss, int rows) {
    return (layers + hidden + output + loss + rows).hashCode();
  }

  @ParameterizedTest(name = "{0} {1}/{2} {3} batch {4}")
  @MethodSource("cases")
  void forwardOutputsMatchReference(String layers, String hidden, String output, String loss,
      int rows) {
    NetworkSpec spec = Problems.spec(layers, hidden, output, loss);
    long seed = seed(layers, hidden, output, loss, rows);
    Problems.Problem problem = Problems.usable(spec, rows, seed, 0.8, 1e-4);
    float[] theta = problem.theta();
    Problems.Batch b = problem.batch();
    Network net = new Network(spec);
    ReferenceMlp ref = new ReferenceMlp(spec);

    float[] out = net.forward(theta, b.x(), b.xOff(), rows, net.newWorkspace(rows));
    double[] expected = ref.outputs(ReferenceMlp.toDouble(theta), ReferenceMlp.toDouble(b.x()),
        b.xOff(), rows);
    Close.assertAllClose(expected, out, 0, expected.length, REL, ABS, "s^L");
  }

  @ParameterizedTest(name = "{0} {1}/{2} {3} batch {4}")
  @MethodSource("cases")
  void lossAndGradientMatchReference(String layers, String hidden, String output, String loss,
      int rows) {
    NetworkSpec spec = Problems.spec(layers, hidden, output, loss);
    long seed = seed(layers, hidden, output, loss, rows);
    Problems.Problem problem = Problems.usable(spec, rows, seed, 0.8, 1e-4);
    float[] theta = problem.theta();
    Problems.Batch b = problem.batch();
    Network net = new Network(spec);
    ReferenceMlp ref = new ReferenceMlp(spec);

    float[] grad = new float[net.parameterCount()];
    double q = net.gradient(theta, b.x(), b.xOff(), b.t(), b.tOff(), rows, net.newWorkspace(rows),
        grad);
    double[] expectedGrad = new double[grad.length];
    double expectedQ = ref.gradientSum(ReferenceMlp.toDouble(theta), ReferenceMlp.toDouble(b.x()),
        b.xOff(), ReferenceMlp.toDouble(b.t()), b.tOff(), rows, expectedGrad);

    Close.assertClose(expectedQ, q, REL, ABS, "Σ_n q_n returned by gradient()");
    Close.assertClose(expectedQ,
        net.loss(theta, b.x(), b.xOff(), b.t(), b.tOff(), rows, net.newWorkspace(rows)), REL, ABS,
        "Σ_n q_n from loss()");
    for (int p = 0; p < grad.length; p++) {
      Close.assertClose(expectedGrad[p], grad[p], REL, ABS, "∂q/∂Θ[" + p + "] " + where(spec, p));
    }
  }

  /** gradient() adds into grad (it does not overwrite it): shards sum their gradients this way. */
  @Test
  void gradientIsAddedIntoTheBuffer() {
    NetworkSpec spec = Problems.spec("3-5-4-2", "tanh", "softmax", "cross_entropy");
    float[] theta = Problems.theta(spec, 11, 0.8);
    Problems.Batch b = Problems.batch(spec, 7, 12);
    Network net = new Network(spec);
    Workspace ws = net.newWorkspace(7);

    float[] fresh = new float[net.parameterCount()];
    net.gradient(theta, b.x(), b.xOff(), b.t(), b.tOff(), 7, ws, fresh);
    float[] preset = new float[net.parameterCount()];
    for (int p = 0; p < preset.length; p++) {
      preset[p] = 0.25f * (p % 5) - 0.5f;
    }
    float[] accumulated = preset.clone();
    net.gradient(theta, b.x(), b.xOff(), b.t(), b.tOff(), 7, ws, accumulated);
    for (int p = 0; p < preset.length; p++) {
      assertEquals(preset[p] + fresh[p], accumulated[p], 1e-6, "grad[" + p + "]");
    }
  }

  /**
   * One workspace reused over batches of different sizes (growing and shrinking) and gradients
   * summed over consecutive batches equal the reference over all samples: no stale buffer rows
   * leak from one batch into the next.
   */
  @Test
  void reusedWorkspaceAcrossBatchSizesMatchesReference() {
    NetworkSpec spec = Problems.spec("4-7-6-5-3", "relu", "softmax", "squared");
    float[] theta = Problems.theta(spec, 21, 0.8);
    int total = 1 + 64 + 7 + 2;
    Problems.Batch b = Problems.batch(spec, total, 22);
    Network net = new Network(spec);
    Workspace ws = net.newWorkspace(1);
    int in = spec.size(0);
    int out = spec.size(spec.depth());

    float[] grad = new float[net.parameterCount()];
    double q = 0;
    int start = 0;
    for (int rows : new int[] {1, 64, 7, 2}) {
      q += net.gradient(theta, b.x(), b.xOff() + start * in, b.t(), b.tOff() + start * out, rows,
          ws, grad);
      start += rows;
    }
    double[] expectedGrad = new double[grad.length];
    double expectedQ = new ReferenceMlp(spec).gradientSum(ReferenceMlp.toDouble(theta),
        ReferenceMlp.toDouble(b.x()), b.xOff(), ReferenceMlp.toDouble(b.t()), b.tOff(), total,
        expectedGrad);
    Close.assertClose(expectedQ, q, REL, ABS, "Σ_n q_n");
    for (int p = 0; p < grad.length; p++) {
      Close.assertClose(expectedGrad[p], grad[p], REL, ABS, "∂q/∂Θ[" + p + "] " + where(spec, p));
    }
  }

  /** Zero rows: no loss, no gradient. */
  @Test
  void emptyBatchAddsNothing() {
    NetworkSpec spec = Problems.spec("3-5-4-2", "sigmoid", "sigmoid", "squared");
    Network net = new Network(spec);
    float[] grad = new float[net.parameterCount()];
    Arrays.fill(grad, 2f);
    double q = net.gradient(Problems.theta(spec, 1, 0.5), new float[0], 0, new float[0], 0, 0,
        net.newWorkspace(4), grad);
    assertEquals(0.0, q);
    for (float g : grad) {
      assertEquals(2f, g);
    }
  }

  /** "θ^k_ij" for a flat index, for failure messages. */
  static String where(NetworkSpec spec, int p) {
    ThetaLayout layout = new ThetaLayout(spec);
    for (int k = 1; k <= spec.depth(); k++) {
      for (int i = 0; i < spec.size(k); i++) {
        for (int j = 0; j <= spec.size(k - 1); j++) {
          if (layout.index(k, i, j) == p) {
            return "(θ^" + k + "_" + (i + 1) + "," + j + ")";
          }
        }
      }
    }
    return "(?)";
  }
}
