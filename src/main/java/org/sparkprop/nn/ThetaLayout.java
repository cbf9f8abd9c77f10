package org.sparkprop.nn;

import java.io.Serializable;

/**
 * Where each layer's weights live in the one flat parameter vector Θ.
 *
 * <p>Layer k (1 ≤ k ≤ L) holds θ^k_ij for the M_k nodes i and the M_{k−1} + 1 inputs j, with
 * j = 0 the bias (the notes' homogeneous coordinate x_0 = 1), row by row:
 * θ^k_ij sits at {@code offset(k) + i·(M_{k−1}+1) + j} (i, j from 0). The weights without the
 * bias are then a row-major M_k × M_{k−1} matrix with leading dimension M_{k−1} + 1 starting at
 * {@code offset(k) + 1}, which BLAS reads in place.
 */
public final class ThetaLayout implements Serializable {

  private final int[] sizes;
  private final int[] offsets;

  public ThetaLayout(NetworkSpec spec) {
    this.sizes = spec.sizes();
    this.offsets = new int[sizes.length + 1];
    long total = 0;
    for (int k = 1; k < sizes.length; k++) {
      offsets[k] = (int) total;
      total += (long) sizes[k] * (sizes[k - 1] + 1);
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("layers " + java.util.Arrays.toString(sizes)
            + " need " + total + " weights, more than one array can hold");
      }
    }
    offsets[sizes.length] = (int) total;
  }

  /** D, the number of parameters. */
  public int size() {
    return offsets[sizes.length];
  }

  /** Index of θ^k_i0 for i = 0 (the first bias of layer k). */
  public int offset(int k) {
    return offsets[k];
  }

  /** M_{k−1} + 1: the length of one node's weight row in layer k, bias included. */
  public int rowLength(int k) {
    return sizes[k - 1] + 1;
  }

  /** Index of θ^k_ij (i, j from 0; j = 0 is the bias). */
  public int index(int k, int i, int j) {
    return offsets[k] + i * rowLength(k) + j;
  }

  /** Number of parameters of layer k. */
  public int layerSize(int k) {
    return offsets[k + 1] - offsets[k];
  }
}
