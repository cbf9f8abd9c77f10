package org.sparkprop.nn;

import java.io.Serializable;

/**
 * Θ of a trained network with its connection weights θ^{k',k}_ij (j ≥ 1) quantized after
 * training; everything else stays float32: the biases θ^k_i0, PReLU's α, the normalizations' γ
 * and β (and the non-trainable state, which is not in Θ).
 *
 * <p>{@link QuantizedType#INT8} is symmetric per weight row i of layer k (per output unit, per
 * maxout piece): scale_i = max_j |θ_ij| / 127, q_ij = round(θ_ij / scale_i) ∈ [−127, 127], so
 * that |θ_ij − scale_i·q_ij| ≤ scale_i / 2. A row of zeros has scale 0. {@link
 * QuantizedType#FLOAT16} rounds each weight to the nearest binary16 ({@link Half}).
 *
 * <p>Storage, layer after layer k = 1 … L: the weights as rows of {@code rowLength(k) − 1}
 * values (Θ's rows without their bias, the blocks of the layers read in ascending order), the
 * int8 scales one per row, and {@code rest}: the values of Θ that are not connection weights, in
 * Θ's order (per layer: the biases of its rows, then α, γ, β).
 */
public final class QuantizedTheta implements Serializable {

  private static final long serialVersionUID = 1L;

  private final ThetaLayout layout;
  private final QuantizedType type;
  private final byte[] q;
  private final short[] half;
  private final float[] scale;
  private final float[] rest;
  private final int[] weightOffset;
  private final int[] rowOffset;
  private final int[] restOffset;

  /**
   * Quantized values for {@code layout}, checked against it (arrays are kept, not copied): for
   * int8 {@code q} and {@code scale}, for float16 {@code half}; the array of the other type is
   * empty.
   */
  public QuantizedTheta(ThetaLayout layout, QuantizedType type, byte[] q, short[] half,
      float[] scale, float[] rest) {
    this.layout = layout;
    this.type = type;
    int depth = layout.depth();
    this.weightOffset = new int[depth + 2];
    this.rowOffset = new int[depth + 2];
    this.restOffset = new int[depth + 2];
    for (int k = 1; k <= depth; k++) {
      int weights = layout.rows(k) * (layout.rowLength(k) - 1);
      weightOffset[k + 1] = weightOffset[k] + weights;
      rowOffset[k + 1] = rowOffset[k] + layout.rows(k);
      restOffset[k + 1] = restOffset[k] + layout.layerSize(k) - weights;
    }
    int weights = weightOffset[depth + 1];
    boolean int8 = type == QuantizedType.INT8;
    require("weights", int8 ? q.length : half.length, weights);
    require("other weights", int8 ? half.length : q.length, 0);
    require("scales", scale.length, int8 ? rowOffset[depth + 1] : 0);
    require("float parameters", rest.length, restOffset[depth + 1]);
    this.q = q;
    this.half = half;
    this.scale = scale;
    this.rest = rest;
  }

  private static void require(String what, int length, int expected) {
    if (length != expected) {
      throw new IllegalArgumentException("quantized parameters: " + length + " " + what
          + " where the network has " + expected);
    }
  }

  /** Θ (in {@code layout}) quantized to {@code type}. */
  public static QuantizedTheta of(ThetaLayout layout, float[] theta, QuantizedType type) {
    if (theta.length != layout.size()) {
      throw new IllegalArgumentException("theta has " + theta.length + " values but the network"
          + " has " + layout.size() + " parameters");
    }
    int depth = layout.depth();
    int weights = 0;
    int rows = 0;
    for (int k = 1; k <= depth; k++) {
      weights += layout.rows(k) * (layout.rowLength(k) - 1);
      rows += layout.rows(k);
    }
    boolean int8 = type == QuantizedType.INT8;
    byte[] q = new byte[int8 ? weights : 0];
    short[] half = new short[int8 ? 0 : weights];
    float[] scale = new float[int8 ? rows : 0];
    float[] rest = new float[theta.length - weights];
    int w = 0;
    int r = 0;
    int o = 0;
    for (int k = 1; k <= depth; k++) {
      int ld = layout.rowLength(k);
      for (int i = 0; i < layout.rows(k); i++) {
        int row = layout.index(k, i, 0);
        rest[o++] = theta[row];
        if (int8) {
          scale[r] = quantizeRow(theta, row + 1, ld - 1, q, w);
          r++;
        } else {
          for (int j = 1; j < ld; j++) {
            half[w + j - 1] = Half.fromFloat(theta[row + j]);
          }
        }
        w += ld - 1;
      }
      int after = layout.index(k, layout.rows(k), 0);
      int end = layout.offset(k) + layout.layerSize(k);
      System.arraycopy(theta, after, rest, o, end - after);
      o += end - after;
    }
    return new QuantizedTheta(layout, type, q, half, scale, rest);
  }

  /** q[qOff …] = round(θ / scale), scale = max |θ| / 127 over the n values; returns scale. */
  static float quantizeRow(float[] theta, int off, int n, byte[] q, int qOff) {
    float max = 0f;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, Math.abs(theta[off + j]));
    }
    if (!Float.isFinite(max)) {
      throw new IllegalArgumentException("cannot quantize a weight row holding " + max
          + " (Θ indices " + off + " … " + (off + n - 1) + ")");
    }
    float s = max / 127f;
    for (int j = 0; j < n; j++) {
      int v = s == 0f ? 0 : Math.round(theta[off + j] / s);
      q[qOff + j] = (byte) Math.max(-127, Math.min(127, v));
    }
    return s;
  }

  public ThetaLayout layout() {
    return layout;
  }

  public QuantizedType type() {
    return type;
  }

  /** D, the parameter count of the float network. */
  public int parameterCount() {
    return layout.size();
  }

  /** Writes the dequantized weights of row i of layer k (rowLength(k) − 1 values) at into[off]. */
  public void dequantizeRow(int k, int i, float[] into, int off) {
    int n = layout.rowLength(k) - 1;
    int base = weightOffset[k] + i * n;
    if (type == QuantizedType.INT8) {
      float s = scale[rowOffset[k] + i];
      for (int j = 0; j < n; j++) {
        into[off + j] = q[base + j] * s;
      }
    } else {
      for (int j = 0; j < n; j++) {
        into[off + j] = Half.toFloat(half[base + j]);
      }
    }
  }

  /** The float parameters (biases, α, γ, β) of layer k start here in {@link #rest()}. */
  int restOffset(int k) {
    return restOffset[k];
  }

  /** Index in {@link #rest()} of Θ index {@code thetaIndex} of layer k's non-row parameters. */
  int restIndex(int k, int thetaIndex) {
    int rowsEnd = layout.index(k, layout.rows(k), 0);
    return restOffset[k] + layout.rows(k) + thetaIndex - rowsEnd;
  }

  float[] restValues() {
    return rest;
  }

  /** The weights, one byte each (int8; empty for float16). */
  public byte[] int8Weights() {
    return q.clone();
  }

  /** The weights as binary16 bits (float16; empty for int8). */
  public short[] float16Weights() {
    return half.clone();
  }

  /** The int8 scale of every weight row, layer after layer (empty for float16). */
  public float[] scales() {
    return scale.clone();
  }

  /** The float32 parameters: Θ without its connection weights, in Θ's order. */
  public float[] rest() {
    return rest.clone();
  }

  /** Θ with every connection weight replaced by its dequantized value (tests, ONNX export). */
  public float[] dequantize() {
    float[] theta = new float[layout.size()];
    int o = 0;
    for (int k = 1; k <= layout.depth(); k++) {
      for (int i = 0; i < layout.rows(k); i++) {
        int row = layout.index(k, i, 0);
        theta[row] = rest[o++];
        dequantizeRow(k, i, theta, row + 1);
      }
      int after = layout.index(k, layout.rows(k), 0);
      int end = layout.offset(k) + layout.layerSize(k);
      System.arraycopy(rest, o, theta, after, end - after);
      o += end - after;
    }
    return theta;
  }

  /** Bytes of the quantized values: weights, scales and float parameters. */
  public long bytes() {
    return (long) q.length + 2L * half.length + 4L * scale.length + 4L * rest.length;
  }
}
