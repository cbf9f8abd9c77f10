package org.sparkprop.train;

import java.util.Locale;

/**
 * How a data set's inputs are held in its shards, the {@code data.sparse} setting: {@code true}
 * as compressed sparse rows, {@code false} dense, {@code auto} sparse when every row arrives as a
 * sparse vector (LibSVM files, hashed text) and at most {@link #AUTO_DENSITY} of the inputs are
 * stored, and the network can read sparse inputs (no standardize, no residual block from the
 * inputs, no augmentation).
 */
public enum Sparsity {
  AUTO, SPARSE, DENSE;

  /**
   * The largest share of stored inputs that {@code auto} holds sparse. The sparse products do
   * nnz × units scalar multiply-adds against the dense gemm's rows × M_0 × units at BLAS speed,
   * so sparse pays off below a few percent (docs/data.md, "Sparse input").
   */
  public static final double AUTO_DENSITY = 0.05;

  /** The setting's value: auto, true or false. */
  public static Sparsity parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "true" -> SPARSE;
      case "false" -> DENSE;
      default -> throw new IllegalArgumentException("setting data.sparse is '" + value
          + "'; allowed: auto, true, false");
    };
  }

  /** The setting's value for this mode. */
  public String value() {
    return switch (this) {
      case AUTO -> "auto";
      case SPARSE -> "true";
      case DENSE -> "false";
    };
  }

  /**
   * Whether rows of {@code stored} inputs out of {@code rows} × {@code inputs}, of which
   * {@code denseRows} arrived dense, are held sparse under this mode.
   */
  public boolean holdsSparse(long rows, long denseRows, long stored, int inputs) {
    return switch (this) {
      case SPARSE -> true;
      case DENSE -> false;
      case AUTO -> rows > 0 && denseRows == 0 && stored <= AUTO_DENSITY * rows * inputs;
    };
  }
}
