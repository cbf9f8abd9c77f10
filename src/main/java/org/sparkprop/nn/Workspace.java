package org.sparkprop.nn;

/**
 * Batch buffers for one network, reused from one mini-batch to the next so that the hot loop
 * allocates nothing: the gathered inputs x and targets t, and per layer k, each row-major with
 * room for {@link #capacity()} rows:
 * <ul>
 *   <li>{@code phi[k]} the pre-activations φ^k (units(k) columns);
 *   <li>{@code act[k]} g(φ^k) — the same array as φ^k for in-place activations, which overwrite
 *       φ (their g' comes from the output); separate for PReLU and maxout;
 *   <li>{@code s[k]} the layer output after normalization, drop-out and residual sums — the same
 *       array as {@code act[k]} when the layer has none of them (the perceptron case);
 *   <li>{@code delta[k]} δ^k = −∂q/∂φ^k and {@code ds[k]} = −∂q/∂s^k, the same array unless the
 *       widths differ (maxout);
 *   <li>{@code xhat[k]}, {@code stat[k]} the normalized values and statistics of normalization,
 *       {@code mask[k]} the drop-out mask.
 * </ul>
 * A plain perceptron thus keeps exactly one output and one error buffer per layer.
 */
public final class Workspace {

  private final int[] sizes;
  private final int[] units;
  private final boolean[] ownAct;
  private final boolean[] ownS;
  private final boolean[] ownDs;
  private final Normalization[] norm;
  private final boolean[] drops;
  private final boolean standardize;
  private int capacity;
  float[] x;
  float[] t;
  /** Standardized inputs x̂ (capacity × M_0), or null without standardization. */
  float[] input;
  /** 1/√(σ_j² + ε) of the standardization, M_0 values. */
  final float[] inputScale;
  final float[][] phi;
  final float[][] act;
  final float[][] s;
  final float[][] ds;
  final float[][] delta;
  final float[][] xhat;
  final float[][] mask;
  /** Layer norm: 1/σ per row (capacity); batch norm: μ_i, Σ(s − μ_i)², 1/σ_i (3·M_k). */
  final float[][] stat;
  /** Double accumulators of the normalizations (2·M_k). */
  final double[][] acc;
  /** Per layer: whether ds[k] already holds a contribution in the current backward pass. */
  final boolean[] written;
  /** capacity ones: the bias gradients are column sums, Σ_n δ_ni = (δᵀ·1)_i. */
  float[] ones;
  /** M_L floats of scratch for per-row work on the outputs (e.g. {@link Distillation}). */
  private final float[] classScratch;
  /** Rows of the last training pass, whose batch statistics {@link #stat} holds. */
  int trainedRows;

  public Workspace(NetworkSpec spec, int rows) {
    this.sizes = spec.sizes();
    int layers = sizes.length;
    int depth = layers - 1;
    this.units = new int[layers];
    this.ownAct = new boolean[layers];
    this.ownS = new boolean[layers];
    this.ownDs = new boolean[layers];
    this.norm = new Normalization[layers];
    this.drops = new boolean[layers];
    this.standardize = spec.standardize();
    units[0] = sizes[0];
    norm[0] = Normalization.NONE;
    for (int k = 1; k <= depth; k++) {
      units[k] = spec.units(k);
      ownAct[k] = !spec.activation(k).inPlace();
      norm[k] = spec.normalization(k);
      drops[k] = spec.dropout(k) > 0f;
      ownS[k] = norm[k] != Normalization.NONE || drops[k] || spec.residual(k).length > 0;
      ownDs[k] = k < depth && units[k] != sizes[k];
    }
    this.inputScale = new float[sizes[0]];
    this.phi = new float[layers][];
    this.act = new float[layers][];
    this.s = new float[layers][];
    this.ds = new float[layers][];
    this.delta = new float[layers][];
    this.xhat = new float[layers][];
    this.mask = new float[layers][];
    this.stat = new float[layers][];
    this.acc = new double[layers][];
    this.written = new boolean[layers];
    for (int k = 1; k <= depth; k++) {
      if (norm[k] == Normalization.BATCH) {
        stat[k] = new float[3 * sizes[k]];
      }
      if (norm[k] != Normalization.NONE) {
        acc[k] = new double[2 * sizes[k]];
      }
    }
    this.classScratch = new float[sizes[depth]];
    allocate(Math.max(1, rows));
  }

  /** Grows the buffers to hold at least {@code rows} rows (never shrinks them). */
  public void ensure(int rows) {
    if (rows > capacity) {
      allocate(Math.max(rows, capacity + capacity / 2));
    }
  }

  private void allocate(int rows) {
    capacity = rows;
    int depth = sizes.length - 1;
    // The gathered inputs are allocated on first use: sparse inputs never need them, and at
    // 2^18 inputs they would be 1 MB a row.
    x = null;
    t = new float[rows * sizes[depth]];
    input = standardize ? new float[rows * sizes[0]] : null;
    ones = new float[rows];
    java.util.Arrays.fill(ones, 1f);
    for (int k = 1; k <= depth; k++) {
      int m = sizes[k];
      phi[k] = new float[rows * units[k]];
      act[k] = ownAct[k] ? new float[rows * m] : phi[k];
      s[k] = ownS[k] ? new float[rows * m] : act[k];
      delta[k] = new float[rows * units[k]];
      ds[k] = k == depth ? null : ownDs[k] ? new float[rows * m] : delta[k];
      xhat[k] = norm[k] != Normalization.NONE ? new float[rows * m] : null;
      mask[k] = drops[k] ? new float[rows * m] : null;
      if (norm[k] == Normalization.LAYER) {
        stat[k] = new float[rows];
      }
    }
  }

  public int capacity() {
    return capacity;
  }

  /** The input buffer (capacity × M_0) into which callers gather a batch, made on first use. */
  public float[] inputs() {
    if (x == null) {
      x = new float[capacity * sizes[0]];
    }
    return x;
  }

  /** The target buffer (capacity × M_L) into which callers gather a batch. */
  public float[] targets() {
    return t;
  }

  /** M_L floats of scratch, reused by every call that needs one output row's worth. */
  public float[] classScratch() {
    return classScratch;
  }

  /** The outputs s^L of the last forward pass. */
  public float[] outputs() {
    return s[sizes.length - 1];
  }
}
