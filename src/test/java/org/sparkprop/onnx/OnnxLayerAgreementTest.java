package org.sparkprop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.Loss;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.Topology;
import org.sparkprop.onnx.proto.Onnx.ModelProto;

/**
 * For every kind of layer sparkprop predicts with, the exported graph, run by ONNX Runtime,
 * computes what {@link Network#forward} computes: random weights, random standardization and
 * running statistics, 64 random rows; outputs within 1e-5 (probabilities absolutely, other
 * outputs relative to max(1, |s|)) and, with a softmax output, the same class on every row.
 */
class OnnxLayerAgreementTest {

  static final double TOLERANCE = 1e-5;
  static final int ROWS = 64;

  /** One network per case: layers, hidden activation, output, loss, what it has beyond. */
  record Case(String name, String layers, String hidden, String output, String loss,
      UnaryOperator<Architecture> extras) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    UnaryOperator<Architecture> plain = a -> a;
    return List.of(
        new Case("dense relu, softmax", "5-8-3", "relu", "softmax", "cross_entropy", plain),
        new Case("step, sigmoid outputs", "5-8-2", "step", "sigmoid", "squared", plain),
        new Case("sigmoid", "5-8-3", "sigmoid", "softmax", "cross_entropy", plain),
        new Case("tanh", "5-8-3", "tanh", "softmax", "cross_entropy", plain),
        new Case("softsign", "5-8-3", "softsign", "softmax", "cross_entropy", plain),
        new Case("linear hidden", "5-8-3", "linear", "softmax", "cross_entropy", plain),
        new Case("leaky_relu", "5-8-3", "leaky_relu:0.1", "softmax", "cross_entropy", plain),
        new Case("elu", "5-8-3", "elu:0.5", "softmax", "cross_entropy", plain),
        new Case("prelu", "5-8-3", "prelu", "softmax", "cross_entropy", plain),
        new Case("maxout", "5-8-3", "maxout:3", "softmax", "cross_entropy", plain),
        new Case("linear output", "5-8-2", "tanh", "linear", "squared", plain),
        new Case("single sigmoid output", "5-8-1", "tanh", "sigmoid", "squared", plain),
        new Case("skip connections", "5-8-6-3", "relu", "softmax", "cross_entropy",
            a -> a.withTopology(Topology.parse("2<-0,1;3<-1,2", "", a.depth()))),
        new Case("residual blocks", "5-8-8-8-3", "tanh", "softmax", "cross_entropy",
            a -> a.withTopology(Topology.parse("", "1-2;1-3", a.depth()))),
        new Case("residual from the input to a linear output", "4-8-4", "tanh", "linear",
            "squared", a -> a.withTopology(Topology.parse("", "0-2", a.depth()))),
        new Case("layer norm", "5-8-6-3", "relu", "softmax", "cross_entropy",
            a -> a.withNormalization(1, Normalization.LAYER)
                .withNormalization(2, Normalization.LAYER)),
        new Case("batch norm", "5-8-6-3", "relu", "softmax", "cross_entropy",
            a -> a.withNormalization(1, Normalization.BATCH)
                .withNormalization(2, Normalization.BATCH)),
        new Case("dropout", "5-8-6-3", "relu", "softmax", "cross_entropy",
            a -> a.withDropout(0.4f)),
        new Case("standardized inputs", "5-8-3", "relu", "softmax", "cross_entropy",
            a -> a.withStandardize(true)),
        new Case("everything", "4-6-6-5-3", "elu", "softmax", "cross_entropy",
            a -> a.withTopology(Topology.parse("3<-0,2", "1-2", a.depth()))
                .withNormalization(1, Normalization.LAYER)
                .withNormalization(2, Normalization.BATCH)
                .withNormalization(3, Normalization.BATCH)
                .withDropout(0.2f).withStandardize(true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void onnxRuntimeAgreesWithForward(Case c) throws Exception {
    long seed = c.name().hashCode();
    Network net = network(c, seed);
    float[] theta = randomTheta(net, seed);
    int inputs = net.spec().size(0);
    float[] x = uniform(new SplittableRandom(seed + 1), ROWS * inputs, 2.0);
    float[] expected = net.forward(theta, x, 0, ROWS, net.newWorkspace(ROWS)).clone();

    byte[] model = OnnxExporter.export(net, theta, List.of()).toByteArray();
    OnnxRuntimeScorer.Scores scores;
    try (OnnxRuntimeScorer ort = new OnnxRuntimeScorer(model)) {
      scores = ort.score(x, ROWS, inputs);
    }
    int width = net.spec().size(net.spec().depth());
    boolean probabilities = net.spec().classifies();
    double worst = 0;
    for (int n = 0; n < ROWS; n++) {
      assertEquals(width, scores.output()[n].length, c + ": output width");
      for (int j = 0; j < width; j++) {
        double e = expected[n * width + j];
        double diff = Math.abs(scores.output()[n][j] - e);
        double scale = probabilities ? 1 : Math.max(1, Math.abs(e));
        worst = Math.max(worst, diff / scale);
        assertTrue(diff <= TOLERANCE * scale, c + ": row " + n + " output " + j + ": sparkprop "
            + e + ", ONNX Runtime " + scores.output()[n][j]);
      }
    }
    if (c.output().equals("softmax")) {
      assertNotNull(scores.classes(), c + ": a softmax output also gives the class");
      for (int n = 0; n < ROWS; n++) {
        assertEquals(argmax(expected, n * width, width), scores.classes()[n], c + ": row " + n);
      }
    } else {
      assertNull(scores.classes(), c + ": only a softmax output gives a class");
    }
    System.out.printf(java.util.Locale.ROOT, "onnx agreement %-44s largest difference %.2e%n",
        c, worst);
  }

  @Test
  void modelDeclaresOpsetInputsOutputsAndFloatInitializers() throws Exception {
    Case c = cases().get(cases().size() - 1);
    Network net = network(c, 7);
    float[] theta = randomTheta(net, 7);
    ModelProto model = OnnxExporter.export(net, theta, List.of("a", "b", "c"));
    assertEquals(OnnxExporter.OPSET, model.getOpsetImport(0).getVersion());
    assertEquals(OnnxExporter.INPUT, model.getGraph().getInput(0).getName());
    assertEquals(OnnxExporter.OUTPUT, model.getGraph().getOutput(0).getName());
    assertEquals(4, model.getGraph().getInput(0).getType().getTensorType().getShape()
        .getDim(1).getDimValue());
    long weights = 0;
    for (var t : model.getGraph().getInitializerList()) {
      assertEquals(1, t.getDataType(), t.getName() + " is float32");
      if (t.getName().startsWith("W")) {
        weights += t.getFloatDataCount();
      }
    }
    // Every connection weight of Θ is in some W^k: the biases and the rest come apart.
    long connectionWeights = 0;
    for (boolean w : net.layout().weightMask()) {
      connectionWeights += w ? 1 : 0;
    }
    assertEquals(connectionWeights, weights);
    assertTrue(model.getGraph().getNodeList().stream()
        .noneMatch(n -> n.getOpType().equals("Dropout")), "no drop-out in inference");
    assertEquals("a\nb\nc", model.getMetadataPropsList().stream()
        .filter(e -> e.getKey().equals("sparkprop.classNames")).findFirst().orElseThrow()
        .getValue());
  }

  @Test
  void thetaOfTheWrongLengthIsRefused() {
    Case c = cases().get(0);
    Network net = network(c, 1);
    float[] theta = new float[net.parameterCount() - 1];
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> OnnxExporter.export(net, theta, List.of()));
    assertTrue(e.getMessage().contains(Integer.toString(net.parameterCount() - 1)),
        e.getMessage());
  }

  static Network network(Case c, long seed) {
    int[] sizes = Arrays.stream(c.layers().split("-")).mapToInt(Integer::parseInt).toArray();
    Architecture a = c.extras().apply(Architecture.plain(sizes.length - 1));
    NetworkSpec spec = new NetworkSpec(sizes, Activations.parse(c.hidden()),
        Activations.parse(c.output()), Loss.parse(c.loss()), a);
    Network net = new Network(spec);
    // The state is pairs of (mean, variance) blocks: μ ∈ (−0.5, 0.5), σ² ∈ (0.2, 2).
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    float[] state = net.state().values();
    int p = 0;
    int[] widths = new int[spec.depth() + 1];
    widths[0] = spec.standardize() ? spec.size(0) : 0;
    for (int k = 1; k <= spec.depth(); k++) {
      widths[k] = spec.normalization(k) == Normalization.BATCH ? spec.size(k) : 0;
    }
    for (int width : widths) {
      for (int j = 0; j < width; j++) {
        state[p + j] = (float) (random.nextDouble() - 0.5);
        state[p + width + j] = (float) (0.2 + 1.8 * random.nextDouble());
      }
      p += 2 * width;
    }
    assertEquals(state.length, p, "state layout");
    net.state().load(state);
    return net;
  }

  /** Θ uniform in (−0.8, 0.8): biases, weights, PReLU's α, γ and β alike. */
  static float[] randomTheta(Network net, long seed) {
    return uniform(new SplittableRandom(seed), net.parameterCount(), 0.8);
  }

  static float[] uniform(SplittableRandom random, int n, double half) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((2 * random.nextDouble() - 1) * half);
    }
    return v;
  }

  static int argmax(float[] v, int off, int n) {
    int best = 0;
    for (int j = 1; j < n; j++) {
      if (v[off + j] > v[off + best]) {
        best = j;
      }
    }
    return best;
  }
}
