package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Central-difference gradient check of every layer, activation and connection type beyond the
 * perceptron, alone and composed: the float32 {@link Network#gradient} (training mode: drop-out
 * masks from a fixed seed, batch norm with the batch's statistics) against
 * [Q(Θ + h·e_p) − Q(Θ − h·e_p)] / 2h of the double-precision {@link ReferenceNet}'s loss
 * Q = Σ_n q_n, for every parameter p (weights of every connection, biases, PReLU α, γ, β), with
 * the tolerance of {@link GradientCheckTest}: h = 1e-4, |a − b| / max(|a|, |b|, 1e-3) ≤ 1e-3.
 *
 * <p>A fixed drop-out seed makes the training function deterministic, hence differentiable in Θ.
 * Batch norm differentiates through the batch mean and variance. Problems keep every rectifier
 * pre-activation and every maxout gap at least 1e-2 from its kink (see
 * {@link GradientCheckTest}).
 */
class ArchitectureGradientCheckTest {

  static final double H = 1e-4;
  static final double TOL = 1e-3;
  static final double FLOOR = 1e-3;

  static Arguments c(String name, String layers, String hidden, String output, String loss,
      int rows, UnaryOperator<Architecture> extras) {
    return Arguments.of(name, ArchitectureProblems.spec(layers, hidden, output, loss, extras),
        rows);
  }

  static Stream<Arguments> activations() {
    List<Arguments> cases = new ArrayList<>();
    for (String g : new String[] {"leaky_relu:0.1", "leaky_relu", "elu", "elu:0.7", "prelu",
        "prelu:-0.3", "maxout", "maxout:3"}) {
      cases.add(c(g + " hidden", "3-4-3", g, "linear", "squared", 4, a -> a));
      cases.add(c(g + " hidden, softmax", "3-4-3", g, "softmax", "cross_entropy", 4, a -> a));
      cases.add(c(g + " two hidden layers", "4-6-5-3", g, "softmax", "cross_entropy", 3,
          a -> a));
    }
    cases.add(c("leaky_relu output", "3-4-2", "tanh", "leaky_relu:0.2", "squared", 4, a -> a));
    cases.add(c("elu output", "3-4-2", "tanh", "elu:0.5", "squared", 4, a -> a));
    return cases.stream();
  }

  static Stream<Arguments> connections() {
    return Stream.of(
        c("skip 2<-0,1", "3-4-5-2", "tanh", "softmax", "cross_entropy", 4,
            ArchitectureProblems.topology("2<-0,1", "")),
        c("skip 3<-0,1,2 relu", "3-4-5-2", "relu", "softmax", "cross_entropy", 4,
            ArchitectureProblems.topology("3<-0,1,2", "")),
        c("dense 2<-0,1;3<-0,1,2 elu", "3-4-5-2", "elu:0.6", "linear", "squared", 4,
            ArchitectureProblems.topology("2<-0,1;3<-0,1,2", "")),
        c("skip over two layers 3<-1", "3-4-5-4-2", "tanh", "softmax", "cross_entropy", 4,
            ArchitectureProblems.topology("3<-1,2;4<-3,0", "")),
        c("residual 1-2", "3-4-4-2", "tanh", "softmax", "cross_entropy", 4,
            ArchitectureProblems.topology("", "1-2")),
        c("residual 0-2 from the inputs", "3-5-3-2", "relu", "softmax", "cross_entropy", 4,
            ArchitectureProblems.topology("", "0-2")),
        c("residual block 1-3", "3-4-5-4-2", "tanh", "sigmoid", "squared", 4,
            ArchitectureProblems.topology("", "1-3")),
        c("residual into a linear output 1-3", "3-4-5-4", "tanh", "linear", "squared", 4,
            ArchitectureProblems.topology("", "1-3")),
        c("two residual blocks 1-2;2-3", "3-4-4-4-2", "softsign", "softmax", "cross_entropy", 4,
            ArchitectureProblems.topology("", "1-2;2-3")),
        c("maxout with skip", "3-4-5-2", "maxout:3", "softmax", "cross_entropy", 4,
            ArchitectureProblems.topology("2<-0,1", "")));
  }

  static Stream<Arguments> layers() {
    return Stream.of(
        c("layerNorm tanh", "3-4-5-2", "tanh", "softmax", "cross_entropy", 4,
            a -> a.withNormalization(1, Normalization.LAYER)
                .withNormalization(2, Normalization.LAYER)),
        c("layerNorm relu", "3-6-2", "relu", "linear", "squared", 4,
            a -> a.withNormalization(1, Normalization.LAYER)),
        c("batchNorm tanh", "3-4-5-2", "tanh", "softmax", "cross_entropy", 6,
            a -> a.withNormalization(1, Normalization.BATCH)
                .withNormalization(2, Normalization.BATCH)),
        c("batchNorm relu", "3-6-2", "relu", "linear", "squared", 5,
            a -> a.withNormalization(1, Normalization.BATCH)),
        c("batchNorm on 3 rows", "3-4-2", "tanh", "linear", "squared", 3,
            a -> a.withNormalization(1, Normalization.BATCH)),
        c("dropout tanh", "3-6-5-2", "tanh", "softmax", "cross_entropy", 5,
            a -> a.withDropout(0.3f)),
        c("dropout relu, rate per layer", "3-6-5-2", "relu", "linear", "squared", 5,
            a -> a.withDropout(new float[] {0f, 0.5f, 0.2f, 0f})),
        c("standardize", "3-4-2", "tanh", "softmax", "cross_entropy", 4,
            a -> a.withStandardize(true)),
        c("standardize with skip from the inputs", "3-4-2", "sigmoid", "linear", "squared", 4,
            a -> a.withStandardize(true).withTopology(Topology.parse("2<-0,1", "", 2))));
  }

  static Stream<Arguments> composed() {
    return Stream.of(
        c("skip + residual + layerNorm, dropout off", "3-5-5-4-2", "tanh", "softmax",
            "cross_entropy", 4,
            a -> a.withTopology(Topology.parse("3<-0,2", "1-2", a.depth()))
                .withNormalization(1, Normalization.LAYER)
                .withNormalization(2, Normalization.LAYER)
                .withNormalization(3, Normalization.LAYER)),
        c("skip + residual + layerNorm + dropout", "3-5-5-4-2", "tanh", "softmax",
            "cross_entropy", 4,
            a -> a.withTopology(Topology.parse("3<-0,2", "1-2", a.depth()))
                .withNormalization(1, Normalization.LAYER)
                .withNormalization(3, Normalization.LAYER).withDropout(0.25f)),
        c("everything: prelu, skip, residual, layerNorm, batchNorm, dropout, standardize",
            "4-6-6-5-3", "prelu", "softmax", "cross_entropy", 6,
            a -> a.withTopology(Topology.parse("3<-0,2", "1-2", a.depth()))
                .withNormalization(1, Normalization.LAYER)
                .withNormalization(2, Normalization.BATCH)
                .withNormalization(3, Normalization.BATCH)
                .withDropout(0.2f).withStandardize(true)),
        c("maxout + batchNorm + residual + dropout", "3-5-5-2", "maxout", "linear", "squared", 5,
            a -> a.withTopology(Topology.parse("", "1-2", a.depth()))
                .withNormalization(2, Normalization.BATCH).withDropout(0.3f)),
        c("elu dense net with layerNorm", "3-4-4-4-2", "elu", "sigmoid", "squared", 4,
            a -> a.withTopology(Topology.parse("2<-0,1;3<-0,1,2", "1-3", a.depth()))
                .withNormalization(2, Normalization.LAYER)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activations")
  void activationGradients(String name, NetworkSpec spec, int rows) {
    check(spec, rows);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("connections")
  void connectionGradients(String name, NetworkSpec spec, int rows) {
    check(spec, rows);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void normalizationDropoutAndStandardizationGradients(String name, NetworkSpec spec,
      int rows) {
    check(spec, rows);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("composed")
  void composedGradients(String name, NetworkSpec spec, int rows) {
    check(spec, rows);
  }

  static void check(NetworkSpec spec, int rows) {
    long seed = spec.toString().hashCode();
    Network net = ArchitectureProblems.network(spec, seed);
    Problems.Problem problem = ArchitectureProblems.usable(net, rows, seed, 1.0, 1e-2, true);
    Problems.Batch b = problem.batch();
    float[] grad = new float[net.parameterCount()];
    double q = net.gradient(problem.theta(), b.x(), b.xOff(), b.t(), b.tOff(), rows,
        net.newWorkspace(rows), grad, ArchitectureProblems.DROPOUT_SEED);

    ReferenceNet ref = new ReferenceNet(net);
    double[] theta = ReferenceMlp.toDouble(problem.theta());
    double[] x = ReferenceMlp.toDouble(b.x());
    double[] t = ReferenceMlp.toDouble(b.t());
    double q0 = ref.lossSum(theta, x, b.xOff(), t, b.tOff(), rows, true,
        ArchitectureProblems.DROPOUT_SEED);
    Close.assertClose(q0, q, 1e-4, 1e-5, spec + ": Σq");
    double worst = 0;
    String worstAt = "";
    for (int p = 0; p < theta.length; p++) {
      double saved = theta[p];
      theta[p] = saved + H;
      double plus = ref.lossSum(theta, x, b.xOff(), t, b.tOff(), rows, true,
          ArchitectureProblems.DROPOUT_SEED);
      theta[p] = saved - H;
      double minus = ref.lossSum(theta, x, b.xOff(), t, b.tOff(), rows, true,
          ArchitectureProblems.DROPOUT_SEED);
      theta[p] = saved;
      double numeric = (plus - minus) / (2 * H);
      double error = GradientCheckTest.relativeError(numeric, grad[p], FLOOR);
      if (Double.isNaN(error) || error > worst) {
        worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
        worstAt = "Θ[" + p + "]: finite difference " + numeric + ", Network.gradient " + grad[p];
      }
    }
    assertTrue(worst <= TOL, spec + ": relative error " + worst + " > " + TOL + " at " + worstAt);
  }
}
