package org.sparkprop.nn;

import java.io.Serializable;

/**
 * A per-sample loss q_n(Θ) between the network outputs s^L and the targets t, and the error
 * δ^L it sends back into the output layer.
 *
 * <p>Sign convention (equations.md): δ^L_i = −∂q_n/∂φ^L_i (for squared error (t_i − s_i)·g'(φ_i)),
 * so that Δθ = ρ·δ·s and ∂q/∂θ^k_ij = −δ^k_i s^{k−1}_j.
 */
public sealed interface Loss extends Serializable permits SquaredError, CrossEntropy {

  /** The setting value that names this loss. */
  String name();

  /** Σ_n q_n over the rows × cols outputs s (from offset 0) and targets t (from tOff). */
  default double value(float[] s, float[] t, int tOff, int rows, int cols) {
    return value(s, 0, t, tOff, rows, cols);
  }

  /** Σ_n q_n over the rows × cols outputs s (from sOff) and targets t (from tOff). */
  double value(float[] s, int sOff, float[] t, int tOff, int rows, int cols);

  /**
   * Writes δ^L (rows × cols) for outputs s produced by {@code output} and targets t.
   */
  void outputDelta(Activation output, float[] s, float[] t, int tOff, float[] delta, int rows,
      int cols);

  /** Why this loss cannot be used with the given output activation, or null when it can. */
  default String incompatibility(Activation output) {
    return null;
  }

  /** Looks a loss up by its setting name. */
  static Loss parse(String name) {
    return switch (name.trim().toLowerCase()) {
      case "squared", "squared_error", "mse" -> new SquaredError();
      case "cross_entropy", "crossentropy", "ce" -> new CrossEntropy();
      default -> throw new IllegalArgumentException(
          "unknown loss '" + name + "'; known: squared, cross_entropy");
    };
  }
}
