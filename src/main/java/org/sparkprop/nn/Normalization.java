package org.sparkprop.nn;

/**
 * How a hidden layer's output is normalized before it is passed on (docs/equations.md,
 * Normalization). Both normalize the layer output s^k (after the
 * activation), then scale and shift it with learnable γ_i, β_i in Θ:
 * ŝ_i = γ_i·(s_i − μ)/√(σ² + ε) + β_i.
 */
public enum Normalization {

  /** The layer output is passed on as it is. */
  NONE,

  /**
   * Layer normalization (Ba, Kiros &amp; Hinton 2016): μ and σ² over the M_k units of each sample,
   * σ² = Σ_i (s_i − μ)² / (M_k − 1), unbiased; the same in training and inference.
   */
  LAYER,

  /**
   * Batch normalization (Ioffe &amp; Szegedy 2015): μ_i and σ_i² of each unit over the rows of the
   * mini-batch, σ² = Σ_n (s_ni − μ_i)² / (b − 1), unbiased; in inference the running
   * averages kept in {@link NetworkState} replace them. In data-parallel training the
   * "mini-batch" is each shard's share of it (see {@link BatchNorm}).
   */
  BATCH;

  /** The setting name: {@code layerNorm}, {@code batchNorm}, or none. */
  public String label() {
    return switch (this) {
      case NONE -> "none";
      case LAYER -> "layerNorm";
      case BATCH -> "batchNorm";
    };
  }
}
