package org.sparkprop.onnx;

import java.util.ArrayList;
import java.util.List;
import org.sparkprop.BuildInfo;
import org.sparkprop.nn.Activation;
import org.sparkprop.nn.Elu;
import org.sparkprop.nn.LeakyRelu;
import org.sparkprop.nn.Linear;
import org.sparkprop.nn.Maxout;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.NetworkState;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.PRelu;
import org.sparkprop.nn.Relu;
import org.sparkprop.nn.Sigmoid;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.Softsign;
import org.sparkprop.nn.Step;
import org.sparkprop.nn.Tanh;
import org.sparkprop.nn.ThetaLayout;
import org.sparkprop.nn.Topology;
import org.sparkprop.onnx.proto.Onnx.ModelProto;
import org.sparkprop.onnx.proto.Onnx.OperatorSetIdProto;
import org.sparkprop.onnx.proto.Onnx.StringStringEntryProto;

/**
 * A trained network as a standard ONNX model (opset {@value #OPSET}, default domain only) that
 * computes what {@link Network#forward} computes, the model's function in inference:
 * <pre>
 *   S^0 = (X − μ)·(1/√(σ² + ε))                      Sub, Mul      (standardized inputs only)
 *   φ^k = concat_{k' ∈ inputs(k)} S^{k'} · W^kᵀ + b^k    Concat, Gemm (one block per k' read)
 *   A^k = g(φ^k)                                      Relu, Sigmoid, PRelu, Reshape+ReduceMax, …
 *   S^k = norm(A^k) + Σ_{a ∈ residual(k)} S^a         LayerNormalization, BatchNormalization, Add
 * </pre>
 * Drop-out is the identity in inference and is left out. Batch normalization uses the running
 * statistics. sparkprop's layer normalization divides by M − 1 (unbiased) where ONNX's
 * LayerNormalization divides by M; since σ_u² = σ_b²·M/(M − 1), it is exported exactly as
 * LayerNormalization with ε' = ε(M − 1)/M and γ' = γ·√((M − 1)/M).
 *
 * <p>The graph reads {@code features} (float32, N × M_0) and writes {@code output} (float32,
 * N × M_L: the class probabilities of a softmax output, σ of each sigmoid output, the values of a
 * linear one); with a softmax output also {@code class} (int64, N), the most probable class.
 * Weights are float32 initializers.
 */
public final class OnnxExporter {

  /** The ONNX operator set the graph is written for. */
  public static final int OPSET = 17;

  /** The IR version that goes with {@link #OPSET}. */
  public static final int IR_VERSION = 8;

  /** The graph's input. */
  public static final String INPUT = "features";

  /** The graph's output, s^L. */
  public static final String OUTPUT = "output";

  /** With a softmax output: argmax_c s^L_c. */
  public static final String CLASS = "class";

  static final String SUPPORTED_ACTIVATIONS = "linear, relu, step, sigmoid, tanh, softsign,"
      + " softmax, leaky_relu, prelu, elu, maxout";

  private OnnxExporter() {}

  /**
   * The ONNX model of {@code network} with parameters {@code theta} (and the network's state:
   * standardization, batch-norm running statistics).
   *
   * @param classNames the class names, class 0 first (may be empty); kept as metadata
   * @throws UnsupportedLayerException when a layer has no ONNX equivalent
   */
  public static ModelProto export(Network network, float[] theta, List<String> classNames) {
    NetworkSpec spec = network.spec();
    if (theta.length != network.parameterCount()) {
      throw new IllegalArgumentException("theta has " + theta.length + " values but network "
          + spec + " has " + network.parameterCount() + " parameters");
    }
    GraphBuilder g = new GraphBuilder("sparkprop");
    int depth = spec.depth();
    g.input(INPUT, spec.size(0));
    String[] s = new String[depth + 1];
    s[0] = spec.standardize() ? standardize(g, spec, network.state()) : INPUT;
    ThetaLayout layout = network.layout();
    Topology topology = spec.architecture().topology();
    for (int k = 1; k <= depth; k++) {
      String phi = dense(g, spec, layout, topology, theta, k, s);
      String a = activation(g, spec, layout, theta, k, phi);
      String out = normalization(g, spec, layout, network.state(), theta, k, a);
      for (int r = 0; r < topology.residualCount(k); r++) {
        out = g.node("Add", "s" + k + "_residual" + r, out, s[topology.residualSource(k, r)]);
      }
      s[k] = out;
    }
    g.node("Identity", OUTPUT, s[depth]);
    g.output(OUTPUT, spec.size(depth));
    if (spec.output() instanceof Softmax) {
      g.node("ArgMax", CLASS, GraphBuilder.names(OUTPUT), GraphBuilder.intAttribute("axis", 1),
          GraphBuilder.intAttribute("keepdims", 0));
      g.int64Output(CLASS);
    }
    ModelProto.Builder model = ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("sparkprop")
        .setProducerVersion(BuildInfo.version())
        .setDocString("sparkprop network " + spec)
        .setGraph(g.build());
    model.addMetadataProps(entry("sparkprop.network", spec.toString()));
    if (!classNames.isEmpty()) {
      model.addMetadataProps(entry("sparkprop.classNames", String.join("\n", classNames)));
    }
    return model.build();
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  /** S^0 = (X − μ)·scale with scale_j = 1/√(σ_j² + ε), as Standardization computes it. */
  private static String standardize(GraphBuilder g, NetworkSpec spec, NetworkState state) {
    float[] mean = state.inputMean();
    float[] variance = state.inputVariance();
    float epsilon = spec.architecture().epsilon();
    float[] scale = new float[variance.length];
    for (int j = 0; j < scale.length; j++) {
      scale[j] = (float) (1.0 / Math.sqrt((double) variance[j] + epsilon));
    }
    String mu = g.constant("input_mean", mean, mean.length);
    String sc = g.constant("input_scale", scale, scale.length);
    String centered = g.node("Sub", "input_centered", INPUT, mu);
    return g.node("Mul", "s0", centered, sc);
  }

  /** φ^k = [S^{k'} for k' ∈ inputs(k)] · W^kᵀ + b^k, W^k and b^k cut from Θ's rows. */
  private static String dense(GraphBuilder g, NetworkSpec spec, ThetaLayout layout,
      Topology topology, float[] theta, int k, String[] s) {
    int units = layout.rows(k);
    int ld = layout.rowLength(k);
    int width = ld - 1;
    int off = layout.offset(k);
    float[] w = new float[units * width];
    float[] b = new float[units];
    for (int i = 0; i < units; i++) {
      b[i] = theta[off + i * ld];
      System.arraycopy(theta, off + i * ld + 1, w, i * width, width);
    }
    String input;
    if (topology.inputCount(k) == 1) {
      input = s[topology.input(k, 0)];
    } else {
      List<String> read = new ArrayList<>();
      for (int n = 0; n < topology.inputCount(k); n++) {
        read.add(s[topology.input(k, n)]);
      }
      input = g.node("Concat", "inputs" + k, read, GraphBuilder.intAttribute("axis", 1));
    }
    String weights = g.constant("W" + k, w, units, width);
    String bias = g.constant("b" + k, b, units);
    return g.node("Gemm", "phi" + k, GraphBuilder.names(input, weights, bias),
        GraphBuilder.intAttribute("transB", 1));
  }

  /** A^k = g(φ^k). */
  private static String activation(GraphBuilder g, NetworkSpec spec, ThetaLayout layout,
      float[] theta, int k, String phi) {
    Activation act = spec.activation(k);
    String a = "a" + k;
    int m = spec.size(k);
    if (act instanceof Linear) {
      return phi;
    } else if (act instanceof Relu) {
      return g.node("Relu", a, phi);
    } else if (act instanceof Step) {
      return g.node("Sign", a, phi);
    } else if (act instanceof Sigmoid) {
      return g.node("Sigmoid", a, phi);
    } else if (act instanceof Tanh) {
      return g.node("Tanh", a, phi);
    } else if (act instanceof Softsign) {
      return g.node("Softsign", a, phi);
    } else if (act instanceof Softmax) {
      return g.node("Softmax", a, GraphBuilder.names(phi), GraphBuilder.intAttribute("axis", 1));
    } else if (act instanceof LeakyRelu leaky) {
      return g.node("LeakyRelu", a, GraphBuilder.names(phi),
          GraphBuilder.floatAttribute("alpha", leaky.alpha()));
    } else if (act instanceof Elu elu) {
      return g.node("Elu", a, GraphBuilder.names(phi),
          GraphBuilder.floatAttribute("alpha", elu.alpha()));
    } else if (act instanceof PRelu) {
      float[] alpha = new float[m];
      System.arraycopy(theta, layout.alphaOffset(k), alpha, 0, m);
      return g.node("PRelu", a, phi, g.constant("alpha" + k, alpha, m));
    } else if (act instanceof Maxout maxout) {
      // The pieces of unit i are columns i·k … i·k + k − 1 of φ: (N, M·k) → (N, M, k) → max.
      String shape = g.int64Constant("pieces_shape" + k, -1, m, maxout.k());
      String pieces = g.node("Reshape", "pieces" + k, phi, shape);
      return g.node("ReduceMax", a, GraphBuilder.names(pieces),
          GraphBuilder.intsAttribute("axes", 2), GraphBuilder.intAttribute("keepdims", 0));
    }
    throw new UnsupportedLayerException(k, "activation " + act.name());
  }

  /** norm(A^k) with γ, β from Θ (and the running statistics for batch normalization). */
  private static String normalization(GraphBuilder g, NetworkSpec spec, ThetaLayout layout,
      NetworkState state, float[] theta, int k, String a) {
    Normalization kind = spec.normalization(k);
    if (kind == Normalization.NONE) {
      return a;
    }
    int m = spec.size(k);
    float epsilon = spec.architecture().epsilon();
    float[] gamma = new float[m];
    float[] beta = new float[m];
    System.arraycopy(theta, layout.gammaOffset(k), gamma, 0, m);
    System.arraycopy(theta, layout.betaOffset(k), beta, 0, m);
    if (kind == Normalization.LAYER) {
      // Unbiased variance as LayerNormalization's biased one (see the class comment).
      double ratio = (m - 1) / (double) m;
      float[] scaled = new float[m];
      for (int i = 0; i < m; i++) {
        scaled[i] = (float) (gamma[i] * Math.sqrt(ratio));
      }
      return g.node("LayerNormalization", "s" + k + "_norm",
          GraphBuilder.names(a, g.constant("gamma" + k, scaled, m),
              g.constant("beta" + k, beta, m)),
          GraphBuilder.intAttribute("axis", -1),
          GraphBuilder.floatAttribute("epsilon", (float) (epsilon * ratio)));
    } else if (kind == Normalization.BATCH) {
      float[] mean = state.runningMean(k);
      float[] variance = state.runningVariance(k);
      return g.node("BatchNormalization", "s" + k + "_norm",
          GraphBuilder.names(a, g.constant("gamma" + k, gamma, m),
              g.constant("beta" + k, beta, m), g.constant("running_mean" + k, mean, m),
              g.constant("running_var" + k, variance, m)),
          GraphBuilder.floatAttribute("epsilon", epsilon));
    }
    throw new UnsupportedLayerException(k, kind.label());
  }
}
