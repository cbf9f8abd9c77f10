package org.sparkprop.optim;

import java.util.List;

/**
 * Plain (stochastic) gradient descent, the backpropagation update: Δθ = −ρ·∂q_S/∂θ, i.e.
 * θ ← θ − ρ·∇q(Θ), with ρ the learning rate ({@code stepSize}). Setting name {@code sgd}.
 *
 * <p>Robbins &amp; Monro, "A stochastic approximation method", Ann. Math. Stat. 22 (1951);
 * Rumelhart, Hinton &amp; Williams, "Learning representations by back-propagating errors",
 * Nature 323 (1986).
 *
 * @param rho the learning rate ρ ({@code stepSize}), finite and > 0
 */
public record GradientDescent(float rho) implements Optimizer {

  /** Default ρ (Keras': 0.01), measured: docs/optimizer-defaults.md. */
  public static final float DEFAULT_STEP_SIZE = 0.2f;

  public GradientDescent {
    Check.stepSize(rho);
  }

  /** Gradient descent with ρ = {@value #DEFAULT_STEP_SIZE}. */
  public GradientDescent() {
    this(DEFAULT_STEP_SIZE);
  }

  /** Gradient descent keeps no state but the step count. */
  public static final class State implements OptimizerState {
    private final int size;
    private long step;

    /** The state before the first step, for Θ of {@code size} entries. */
    public State(int size) {
      Check.count("size", size);
      this.size = size;
    }

    @Override
    public long step() {
      return step;
    }

    /** The length of Θ this state belongs to. */
    public int size() {
      return size;
    }

    @Override
    public List<float[]> arrays() {
      return List.of();
    }

    @Override
    public void restoreStep(long step) {
      this.step = step;
    }
  }

  @Override
  public State init(int size) {
    return new State(size);
  }

  @Override
  public void update(float[] theta, float[] gradient, OptimizerState state, float rateScale) {
    State s = Check.state(State.class, state, this);
    Check.sizes(theta, gradient, s.size);
    Check.rateScale(rateScale);
    float rate = rho * rateScale;
    for (int i = 0; i < theta.length; i++) {
      theta[i] -= rate * gradient[i];
    }
    s.step++;
  }

  @Override
  public String toString() {
    return "GradientDescent(stepSize=" + Check.format(rho) + ")";
  }
}
