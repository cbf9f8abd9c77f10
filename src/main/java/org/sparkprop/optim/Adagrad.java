package org.sparkprop.optim;

import java.util.List;

/**
 * Adagrad, setting name {@code adagrad}: per-parameter learning rates that shrink with the sum of
 * the squared gradients seen so far,
 * <pre>
 *   G ← G + g²
 *   θ ← θ − ρ·g / (√G + ε)
 * </pre>
 * (element-wise, G starting at 0). Duchi, Hazan &amp; Singer, "Adaptive subgradient methods for
 * online learning and stochastic optimization", JMLR 12 (2011), the diagonal-matrix update with
 * δ = ε; ε outside the square root as in PyTorch's {@code Adagrad}.
 *
 * @param rho the learning rate ρ ({@code stepSize}), finite and > 0
 * @param epsilon ε, finite and > 0
 */
public record Adagrad(float rho, float epsilon) implements Optimizer {

  /** PyTorch's is 0.01; measured: docs/optimizer-defaults.md. */
  public static final float DEFAULT_STEP_SIZE = 0.05f;
  /** PyTorch's default. */
  public static final float DEFAULT_EPSILON = 1e-10f;

  public Adagrad {
    Check.stepSize(rho);
    Check.positive("epsilon", epsilon);
  }

  /** ρ = 0.01, ε = 1e-10. */
  public Adagrad() {
    this(DEFAULT_STEP_SIZE, DEFAULT_EPSILON);
  }

  /** The running sum of squared gradients G, aligned with Θ, and the step count. */
  public static final class State implements OptimizerState {
    private final float[] sumSquares;
    private long step;

    public State(int size) {
      Check.count("size", size);
      sumSquares = new float[size];
    }

    @Override
    public long step() {
      return step;
    }

    /** G (live, not a copy). */
    public float[] sumSquares() {
      return sumSquares;
    }

    @Override
    public List<float[]> arrays() {
      return List.of(sumSquares);
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
    Check.sizes(theta, gradient, s.sumSquares.length);
    Check.rateScale(rateScale);
    float rate = rho * rateScale;
    float[] sum = s.sumSquares;
    for (int i = 0; i < theta.length; i++) {
      float g = gradient[i];
      float gi = sum[i] + g * g;
      sum[i] = gi;
      theta[i] -= rate * g / ((float) Math.sqrt(gi) + epsilon);
    }
    s.step++;
  }

  @Override
  public String toString() {
    return "Adagrad(stepSize=" + Check.format(rho) + ", epsilon=" + Check.format(epsilon) + ")";
  }
}
