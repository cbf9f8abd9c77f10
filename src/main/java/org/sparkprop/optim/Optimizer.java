package org.sparkprop.optim;

import java.io.Serializable;

/**
 * An optimizer as an explicit state record plus one update function: {@link #init} makes the
 * state (moments, step count …) for a Θ of a given length, {@link #update} applies one step to
 * Θ in place given the gradient ∇q(Θ) of the batch-mean loss and advances the state. All arrays
 * are flat and aligned with Θ, so the same code serves every network.
 *
 * <p>Implementations are immutable records of hyperparameters (printable, serializable, validated
 * when built); {@link Optimizers#parse} builds them from setting names. The learning rate ρ
 * ({@code stepSize}) can be scaled per step, e.g. by a {@link Schedule}:
 * {@code update(theta, g, state, schedule.factor(epoch, progress))}.
 */
public interface Optimizer extends Serializable {

  /** The state before the first step, for a parameter vector of {@code size} entries. */
  OptimizerState init(int size);

  /** One step with the configured learning rate: the same as {@code update(theta, gradient, state, 1)}. */
  default void update(float[] theta, float[] gradient, OptimizerState state) {
    update(theta, gradient, state, 1f);
  }

  /**
   * One step, Θ ← Θ + Δ(∇q, state), with the learning rate ρ multiplied by {@code rateScale}
   * (finite, >= 0) for this step only; the state is advanced in place.
   *
   * @throws IllegalArgumentException if the lengths of Θ, ∇q and the state differ, the state was
   *     not made by this kind of optimizer, or {@code rateScale} is negative or not finite
   */
  void update(float[] theta, float[] gradient, OptimizerState state, float rateScale);
}
