package org.sparkprop.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batched float32 {@link Network} computes what the double-precision per-sample
 * {@link ReferenceNet} computes, as the model predicts ({@link Network#forward}: no drop-out,
 * batch norm with the running statistics, standardized inputs) and in training
 * ({@link Network#trainingLoss}), for batches of 1, 7 and 64 rows (64 grows the workspace).
 * Tolerance as {@link BatchedVsReferenceTest}: |a − b| ≤ 1e-4·max(|a|, |b|) + 1e-5.
 */
class ArchitectureForwardTest {

  static final double REL = 1e-4;
  static final double ABS = 1e-5;

  static Stream<Arguments> cases() {
    List<NetworkSpec> specs = List.of(
        ArchitectureProblems.spec("3-5-4-2", "leaky_relu:0.1", "softmax", "cross_entropy",
            ArchitectureProblems.topology("2<-0,1", "")),
        ArchitectureProblems.spec("3-5-5-2", "maxout:3", "softmax", "cross_entropy",
            ArchitectureProblems.topology("", "1-2")),
        ArchitectureProblems.spec("3-5-5-2", "prelu", "linear", "squared",
            a -> a.withNormalization(1, Normalization.BATCH)
                .withNormalization(2, Normalization.LAYER).withDropout(0.4f)),
        ArchitectureProblems.spec("4-6-6-5-3", "elu", "softmax", "cross_entropy",
            a -> a.withTopology(Topology.parse("3<-0,2", "1-2", a.depth()))
                .withNormalization(1, Normalization.LAYER)
                .withNormalization(2, Normalization.BATCH)
                .withNormalization(3, Normalization.BATCH)
                .withDropout(0.2f).withStandardize(true)));
    List<Arguments> cases = new ArrayList<>();
    for (NetworkSpec spec : specs) {
      for (int rows : new int[] {1, 7, 64}) {
        cases.add(Arguments.of(spec, rows));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} batch {1}")
  @MethodSource("cases")
  void inferenceOutputsMatchReference(NetworkSpec spec, int rows) {
    long seed = (spec.toString() + rows).hashCode();
    Network net = ArchitectureProblems.network(spec, seed);
    Problems.Problem p = ArchitectureProblems.usable(net, rows, seed, 0.8, 1e-4, false);
    Problems.Batch b = p.batch();
    Workspace ws = net.newWorkspace(1);
    float[] out = net.forward(p.theta(), b.x(), b.xOff(), rows, ws);
    double[] expected = new ReferenceNet(net).outputs(ReferenceMlp.toDouble(p.theta()),
        ReferenceMlp.toDouble(b.x()), b.xOff(), rows, false, 0L);
    Close.assertAllClose(expected, out, 0, expected.length, REL, ABS, spec + " s^L");
    double loss = net.loss(p.theta(), b.x(), b.xOff(), b.t(), b.tOff(), rows, ws);
    double refLoss = new ReferenceNet(net).lossSum(ReferenceMlp.toDouble(p.theta()),
        ReferenceMlp.toDouble(b.x()), b.xOff(), ReferenceMlp.toDouble(b.t()), b.tOff(), rows,
        false, 0L);
    Close.assertClose(refLoss, loss, REL, ABS, spec + " Σq");
  }

  @ParameterizedTest(name = "{0} batch {1}")
  @MethodSource("cases")
  void trainingLossMatchesReference(NetworkSpec spec, int rows) {
    long seed = (spec.toString() + rows).hashCode() + 1;
    Network net = ArchitectureProblems.network(spec, seed);
    Problems.Problem p = ArchitectureProblems.usable(net, rows, seed, 0.8, 1e-4, true);
    Problems.Batch b = p.batch();
    double loss = net.trainingLoss(p.theta(), b.x(), b.xOff(), b.t(), b.tOff(), rows,
        net.newWorkspace(rows), 99L);
    double expected = new ReferenceNet(net).lossSum(ReferenceMlp.toDouble(p.theta()),
        ReferenceMlp.toDouble(b.x()), b.xOff(), ReferenceMlp.toDouble(b.t()), b.tOff(), rows,
        true, 99L);
    Close.assertClose(expected, loss, REL, ABS, spec + " training Σq");
    // The gradient pass computes the same training loss.
    float[] grad = new float[net.parameterCount()];
    double q = net.gradient(p.theta(), b.x(), b.xOff(), b.t(), b.tOff(), rows,
        net.newWorkspace(rows), grad, 99L);
    Close.assertClose(expected, q, REL, ABS, spec + " gradient's Σq");
  }
}
