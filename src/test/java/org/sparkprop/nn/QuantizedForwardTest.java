package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forward pass on quantized weights against {@link Network#forward} at the dequantized Θ:
 * the same function, so only float summation order may differ (blocks of
 * {@link QuantizedForward#BLOCK_ROWS} rows against one gemm per layer).
 */
class QuantizedForwardTest {

  static Stream<Arguments> cases() {
    List<NetworkSpec> specs = List.of(
        Problems.spec("30-150-70-4", "relu", "softmax", "cross_entropy"),
        ArchitectureProblems.spec("3-5-4-2", "leaky_relu:0.1", "softmax", "cross_entropy",
            ArchitectureProblems.topology("2<-0,1", "")),
        ArchitectureProblems.spec("3-5-5-2", "maxout:3", "softmax", "cross_entropy",
            ArchitectureProblems.topology("", "1-2")),
        ArchitectureProblems.spec("3-5-5-2", "prelu", "linear", "squared",
            a -> a.withNormalization(1, Normalization.BATCH)
                .withNormalization(2, Normalization.LAYER).withDropout(0.4f)),
        ArchitectureProblems.spec("4-70-70-5-3", "elu", "softmax", "cross_entropy",
            a -> a.withTopology(Topology.parse("3<-0,2", "1-2", a.depth()))
                .withNormalization(1, Normalization.LAYER)
                .withNormalization(2, Normalization.BATCH)
                .withNormalization(3, Normalization.BATCH)
                .withDropout(0.2f).withStandardize(true)));
    List<Arguments> cases = new ArrayList<>();
    for (NetworkSpec spec : specs) {
      for (QuantizedType type : QuantizedType.values()) {
        cases.add(Arguments.of(spec, type));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesTheFloatPassAtTheDequantizedWeights(NetworkSpec spec, QuantizedType type) {
    long seed = (spec.toString() + type).hashCode();
    Network net = ArchitectureProblems.network(spec, seed);
    float[] theta = Problems.theta(spec, seed, 0.8);
    QuantizedTheta q = QuantizedTheta.of(net.layout(), theta, type);
    float[] dequantized = q.dequantize();
    QuantizedForward forward = new QuantizedForward(net, q);
    Workspace ws = net.newWorkspace(1);
    double worstChange = 0;
    for (int rows : new int[] {1, 9, 130}) {
      Problems.Batch b = Problems.batch(spec, rows, seed + rows);
      float[] expected = net.forward(dequantized, b.x(), b.xOff(), rows, ws).clone();
      float[] actual = forward.forward(b.x(), b.xOff(), rows, net.newWorkspace(rows));
      int n = rows * spec.size(spec.depth());
      for (int i = 0; i < n; i++) {
        double tol = 1e-5 * Math.max(Math.abs(expected[i]), Math.abs(actual[i])) + 1e-6;
        assertTrue(Math.abs(expected[i] - actual[i]) <= tol, spec + " " + type + " rows " + rows
            + " output " + i + ": " + actual[i] + " vs " + expected[i]);
      }
      float[] exact = net.forward(theta, b.x(), b.xOff(), rows, ws);
      for (int i = 0; i < n; i++) {
        worstChange = Math.max(worstChange, Math.abs(exact[i] - actual[i]));
      }
    }
    // The quantized model is a different function from the float one, but a close one.
    assertTrue(worstChange > 0 && worstChange < (type == QuantizedType.INT8 ? 0.2 : 0.01),
        spec + " " + type + ": largest output change " + worstChange);
  }
}
