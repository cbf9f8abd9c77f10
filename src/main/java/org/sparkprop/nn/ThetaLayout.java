package org.sparkprop.nn;

import java.io.Serializable;

/**
 * Where each layer's parameters live in the one flat parameter vector Θ.
 *
 * <p>Layer k (1 ≤ k ≤ L) first holds its weight rows: one row per pre-activation (M_k rows, or
 * k·M_k for maxout, whose unit i owns rows i·k … i·k + k − 1), each of length
 * 1 + Σ_{k' ∈ inputs(k)} M_k' = {@link #rowLength}: the bias θ^k_i0 (the homogeneous
 * coordinate x_0 = 1), then the block θ^{k',k}_i1 … θ^{k',k}_iM_k' of each layer k' it reads, in
 * ascending k'. For a perceptron (inputs(k) = {k − 1}) that is θ^k_ij at
 * {@code offset(k) + i·(M_{k−1}+1) + j}. The weights from layer k' are then a row-major matrix
 * with leading dimension {@link #rowLength} starting at {@code offset(k) + column(k, k')}, which
 * BLAS reads in place.
 *
 * <p>After the rows come the layer's other parameters: PReLU's α_i (M_k, {@link #alphaOffset}),
 * then the normalization's γ_i and β_i (M_k each, {@link #gammaOffset}, {@link #betaOffset}).
 */
public final class ThetaLayout implements Serializable {

  private final int[] sizes;
  private final int[] offsets;
  private final int[] rows;
  private final int[] rowLengths;
  private final int[][] inputs;
  private final int[][] columns;
  private final int[] alpha;
  private final int[] gamma;

  public ThetaLayout(NetworkSpec spec) {
    this.sizes = spec.sizes();
    int depth = sizes.length - 1;
    this.offsets = new int[depth + 2];
    this.rows = new int[depth + 1];
    this.rowLengths = new int[depth + 1];
    this.inputs = new int[depth + 1][];
    this.columns = new int[depth + 1][];
    this.alpha = new int[depth + 1];
    this.gamma = new int[depth + 1];
    inputs[0] = new int[0];
    columns[0] = new int[0];
    long total = 0;
    for (int k = 1; k <= depth; k++) {
      offsets[k] = (int) total;
      inputs[k] = spec.inputs(k);
      columns[k] = new int[inputs[k].length];
      int length = 1;
      for (int n = 0; n < inputs[k].length; n++) {
        columns[k][n] = length;
        length += sizes[inputs[k][n]];
      }
      rowLengths[k] = length;
      rows[k] = spec.units(k);
      total += (long) rows[k] * length;
      alpha[k] = -1;
      gamma[k] = -1;
      int perUnit = spec.activation(k).parametersPerUnit();
      if (perUnit > 0) {
        alpha[k] = (int) Math.min(total, Integer.MAX_VALUE);
        total += (long) perUnit * sizes[k];
      }
      if (spec.normalization(k) != Normalization.NONE) {
        gamma[k] = (int) Math.min(total, Integer.MAX_VALUE);
        total += 2L * sizes[k];
      }
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("layers " + java.util.Arrays.toString(sizes)
            + " need " + total + " weights, more than one array can hold");
      }
    }
    offsets[depth + 1] = (int) total;
  }

  /** L, the number of weight layers. */
  public int depth() {
    return sizes.length - 1;
  }

  /** D, the number of parameters. */
  public int size() {
    return offsets[sizes.length];
  }

  /** Index of θ^k_i0 for i = 0 (the first bias of layer k). */
  public int offset(int k) {
    return offsets[k];
  }

  /** 1 + Σ M_k' over the layers k' that layer k reads: one weight row, bias included. */
  public int rowLength(int k) {
    return rowLengths[k];
  }

  /** Weight rows of layer k: M_k, or k·M_k for maxout. */
  public int rows(int k) {
    return rows[k];
  }

  /** Index of θ^k_ij (i, j from 0; j = 0 is the bias, j ≥ 1 the j-th input of the row). */
  public int index(int k, int i, int j) {
    return offsets[k] + i * rowLengths[k] + j;
  }

  /**
   * Column, within layer k's rows, of θ^{from,k}_i1 (the weight from the first node of layer
   * {@code from}); −1 when layer k does not read layer {@code from}.
   */
  public int column(int k, int from) {
    for (int n = 0; n < inputs[k].length; n++) {
      if (inputs[k][n] == from) {
        return columns[k][n];
      }
    }
    return -1;
  }

  /** Column of the n-th layer that layer k reads (ascending), as {@link #column(int, int)}. */
  public int columnOfInput(int k, int n) {
    return columns[k][n];
  }

  /**
   * Index of θ^{from,k}_ij, θ^{k',k}_ij of docs/equations.md: to node i of layer k
   * (from 0) from node j of layer {@code from} (j from 1; j = 0 is the bias θ^k_i0).
   */
  public int index(int k, int from, int i, int j) {
    if (j == 0) {
      return index(k, i, 0);
    }
    int column = column(k, from);
    if (column < 0) {
      throw new IllegalArgumentException("layer " + k + " does not read layer " + from);
    }
    return offsets[k] + i * rowLengths[k] + column + j - 1;
  }

  /** Index of PReLU's α of the first unit of layer k, or −1 when it has none. */
  public int alphaOffset(int k) {
    return alpha[k];
  }

  /** Index of the normalization's γ of the first unit of layer k, or −1 when it has none. */
  public int gammaOffset(int k) {
    return gamma[k];
  }

  /** Index of the normalization's β of the first unit of layer k, or −1 when it has none. */
  public int betaOffset(int k) {
    return gamma[k] < 0 ? -1 : gamma[k] + sizes[k];
  }

  /** Number of parameters of layer k. */
  public int layerSize(int k) {
    return offsets[k + 1] - offsets[k];
  }

  /**
   * True for the connection weights θ^{k',k}_ij (j ≥ 1), false for biases, PReLU's α and the
   * normalizations' γ and β: what weight penalties apply to by default.
   */
  public boolean[] weightMask() {
    boolean[] weights = new boolean[size()];
    for (int k = 1; k < sizes.length; k++) {
      for (int i = 0; i < rows[k]; i++) {
        int row = index(k, i, 0);
        java.util.Arrays.fill(weights, row + 1, row + rowLengths[k], true);
      }
    }
    return weights;
  }
}
