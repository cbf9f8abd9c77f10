package org.sparkprop.optim;

import java.io.Serializable;

/**
 * An optimizer as an explicit state record plus one update function: {@link #init} makes the
 * state (moments, step count …) for a Θ of a given length, {@link #update} applies one step to
 * Θ in place given the gradient ∇q(Θ) and advances the state. All arrays are flat and aligned
 * with Θ, so the same code serves every network.
 */
public interface Optimizer extends Serializable {

  /** The state before the first step, for a parameter vector of {@code size} entries. */
  OptimizerState init(int size);

  /** One step: Θ ← Θ + Δ(∇q, state); the state is advanced in place. */
  void update(float[] theta, float[] gradient, OptimizerState state);
}
