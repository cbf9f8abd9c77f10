package org.sparkprop.prune;

/** A hidden unit that cannot be removed consistently (normalized layer, residual block, ...). */
public final class UnitNotRemovableException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int layer;
  private final int unit;

  public UnitNotRemovableException(int layer, int unit, String reason) {
    super("unit " + unit + " of layer " + layer + " cannot be removed: " + reason);
    this.layer = layer;
    this.unit = unit;
  }

  /** The layer k (1 ≤ k < L) of the unit. */
  public int layer() {
    return layer;
  }

  /** The unit's index in its layer, from 0. */
  public int unit() {
    return unit;
  }
}
