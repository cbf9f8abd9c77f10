package org.sparkprop.prune;

import java.util.Locale;
import org.sparkprop.settings.SettingException;

/** How the relevance of a weight (or a unit) is measured before the least relevant are removed. */
public enum PruneMethod {
  /** |θ_i|; for a unit, the L2 norm of its incoming weights. */
  MAGNITUDE,
  /**
   * Σ_b |θ_i · g_b,i| over the training set's mini-batches (first-order Taylor), in one pass over
   * the data; for a unit, the sum over its incoming weights.
   */
  SALIENCY,
  /**
   * Train with a penalty (l1) first; then every weight with |θ_i| (unit with incoming L2 norm)
   * under {@code prune.threshold} is removed.
   */
  PENALTY;

  /** The setting's value: magnitude, saliency or penalty (case-insensitive). */
  public static PruneMethod parse(String value) {
    String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    for (PruneMethod m : values()) {
      if (m.name().equals(v)) {
        return m;
      }
    }
    throw new SettingException("prune.method", String.valueOf(value),
        "one of magnitude, saliency, penalty");
  }
}
