package org.sparkprop.nn;

import org.sparkprop.tensor.RowMajor;

/**
 * The forward pass of a network on its {@link QuantizedTheta}, as the model predicts (no
 * drop-out, batch norm with the running statistics): {@link Network#forward} with each layer's
 * φ^k = S^{k'}·W^{k',k}ᵀ + b^k computed block by block from the stored weights. A block of
 * {@link #BLOCK_ROWS} weight rows is dequantized (int8: q_ij·scale_i; float16: widened) into a
 * small buffer that stays in cache and multiplied by one gemm per layer read, so the model is
 * never expanded to float32 as a whole: the extra memory is one block, and the dequantization
 * costs rows(k)·(rowLength(k) − 1) operations per layer and batch against the gemm's
 * n·rows(k)·(rowLength(k) − 1) multiply-adds. Biases, PReLU's α, γ and β are float32.
 *
 * <p>Immutable and serializable: threads share one, each with its own {@link Workspace}.
 */
public final class QuantizedForward implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** Weight rows dequantized at once. */
  static final int BLOCK_ROWS = 64;

  private final Network network;
  private final QuantizedTheta theta;
  private final int blockLength;

  /** A forward pass of {@code network} on {@code theta}, for batches of any size. */
  public QuantizedForward(Network network, QuantizedTheta theta) {
    if (theta.parameterCount() != network.parameterCount()) {
      throw new IllegalArgumentException("quantized parameters for " + theta.parameterCount()
          + " values but network " + network.spec() + " has " + network.parameterCount());
    }
    this.network = network;
    this.theta = theta;
    ThetaLayout layout = network.layout();
    int widest = 0;
    for (int k = 1; k <= network.spec().depth(); k++) {
      widest = Math.max(widest, Math.min(BLOCK_ROWS, layout.rows(k)) * (layout.rowLength(k) - 1));
    }
    this.blockLength = widest;
  }

  public Network network() {
    return network;
  }

  public QuantizedTheta theta() {
    return theta;
  }

  /**
   * Forward pass of {@code rows} inputs (row-major at x[xOff], M_0 columns) in {@code ws} (of
   * this network): leaves every s^k there and returns s^L (rows × M_L from offset 0).
   */
  public float[] forward(float[] x, int xOff, int rows, Workspace ws) {
    float[] block = new float[blockLength];
    NetworkSpec spec = network.spec();
    ThetaLayout layout = network.layout();
    NetworkState state = network.state();
    float[] rest = theta.restValues();
    ws.ensure(rows);
    int depth = spec.depth();
    float[] in0 = x;
    int in0Off = xOff;
    float[] st = state.raw();
    float epsilon = spec.architecture().epsilon();
    if (spec.standardize()) {
      Standardization.scales(st, state.inputVarianceOffset(), spec.size(0), epsilon,
          ws.inputScale);
      Standardization.apply(x, xOff, rows, spec.size(0), st, state.inputMeanOffset(),
          ws.inputScale, ws.input);
      in0 = ws.input;
      in0Off = 0;
    }
    Topology topology = spec.architecture().topology();
    for (int k = 1; k <= depth; k++) {
      int m = spec.size(k);
      int units = layout.rows(k);
      int width = layout.rowLength(k) - 1;
      float[] phi = ws.phi[k];
      RowMajor.broadcastRows(rest, theta.restOffset(k), 1, rows, units, phi, 0, units);
      for (int i0 = 0; i0 < units; i0 += BLOCK_ROWS) {
        int b = Math.min(BLOCK_ROWS, units - i0);
        for (int i = 0; i < b; i++) {
          theta.dequantizeRow(k, i0 + i, block, i * width);
        }
        for (int n = 0; n < topology.inputCount(k); n++) {
          int from = topology.input(k, n);
          int cols = spec.size(from);
          float[] input = from == 0 ? in0 : ws.s[from];
          int inputOff = from == 0 ? in0Off : 0;
          RowMajor.gemm(false, true, rows, b, cols, 1f, input, inputOff, cols, block,
              layout.columnOfInput(k, n) - 1, width, 1f, phi, i0, units);
        }
      }
      Activation g = spec.activation(k);
      float[] a = ws.act[k];
      if (g instanceof Maxout maxout) {
        maxout.forward(phi, a, rows, m);
      } else if (g instanceof PRelu prelu) {
        prelu.forward(phi, a, rows, m, rest, theta.restIndex(k, layout.alphaOffset(k)));
      } else {
        g.forward(phi, 0, rows, units);
      }
      float[] s = ws.s[k];
      switch (spec.normalization(k)) {
        case LAYER -> LayerNorm.forward(a, rows, m, ws.xhat[k], ws.stat[k], s, rest,
            theta.restIndex(k, layout.gammaOffset(k)), theta.restIndex(k, layout.betaOffset(k)),
            epsilon);
        case BATCH -> BatchNorm.forwardInference(a, rows, m, st, state.meanOffset(k),
            state.varianceOffset(k), ws.acc[k], s, rest,
            theta.restIndex(k, layout.gammaOffset(k)), theta.restIndex(k, layout.betaOffset(k)),
            epsilon);
        case NONE -> {
          if (s != a) {
            System.arraycopy(a, 0, s, 0, rows * m);
          }
        }
      }
      for (int r = 0; r < topology.residualCount(k); r++) {
        int from = topology.residualSource(k, r);
        float[] add = from == 0 ? in0 : ws.s[from];
        int addOff = from == 0 ? in0Off : 0;
        int count = rows * m;
        for (int p = 0; p < count; p++) {
          s[p] += add[addOff + p];
        }
      }
    }
    return ws.s[depth];
  }
}
