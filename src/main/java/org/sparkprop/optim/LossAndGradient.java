package org.sparkprop.optim;

/**
 * The value q(Θ) of an objective at one Θ and its gradient ∇q(Θ) (aligned with Θ), as a
 * full-batch objective for {@link Lbfgs} returns them. The loss may be infinite or NaN where the
 * objective overflows (a line search then treats the point as too far).
 *
 * @param loss q(Θ)
 * @param gradient ∇q(Θ), not null
 */
public record LossAndGradient(double loss, float[] gradient) {

  public LossAndGradient {
    if (gradient == null) {
      throw new IllegalArgumentException("gradient is null");
    }
  }
}
