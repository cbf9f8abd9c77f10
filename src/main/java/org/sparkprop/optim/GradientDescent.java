package org.sparkprop.optim;

/**
 * Plain gradient descent, the notes' BACKPROP update: Δθ = −ρ·∂q_S/∂θ, i.e.
 * θ ← θ − ρ·∇q(Θ), with ρ the learning rate ({@code stepSize}).
 */
public record GradientDescent(float rho) implements Optimizer {

  public GradientDescent {
    if (!(rho > 0f) || Float.isInfinite(rho)) {
      throw new IllegalArgumentException("stepSize is " + rho + "; it must be a finite number > 0");
    }
  }

  /** Gradient descent keeps no state but the step count. */
  public static final class State implements OptimizerState {
    private long step;

    @Override
    public long step() {
      return step;
    }
  }

  @Override
  public OptimizerState init(int size) {
    return new State();
  }

  @Override
  public void update(float[] theta, float[] gradient, OptimizerState state) {
    for (int i = 0; i < theta.length; i++) {
      theta[i] -= rho * gradient[i];
    }
    ((State) state).step++;
  }

  @Override
  public String toString() {
    return "GradientDescent(rho=" + rho + ")";
  }
}
