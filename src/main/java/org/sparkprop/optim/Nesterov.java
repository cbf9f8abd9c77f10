package org.sparkprop.optim;

import java.util.List;

/**
 * Nesterov's accelerated gradient (NAG), setting name {@code nag}, with the gradient g evaluated
 * at the current Θ (not at the look-ahead point Θ + ν·v):
 * <pre>
 *   v ← ν·v − ρ·g
 *   θ ← θ + ν·v − ρ·g          (equivalently θ ← θ − ν·v_old + (1 + ν)·v)
 * </pre>
 * v starts at 0; ρ is the learning rate ({@code stepSize}) and ν the momentum ({@code momentum}).
 *
 * <p>Nesterov, "A method for solving the convex programming problem with convergence rate
 * O(1/k²)", Soviet Math. Dokl. 27 (1983). Sutskever, Martens, Dahl &amp; Hinton (ICML 2013,
 * eq. (3)–(4)) write it with the gradient at the look-ahead point Θ + ν·v; the form above is that
 * method after the change of variables Θ' = Θ + ν·v (Bengio, Boulanger-Lewandowski &amp; Pascanu,
 * "Advances in optimizing recurrent networks", ICASSP 2013), so it needs only ∇q(Θ) at the
 * stored point. For a constant ρ it is the update of PyTorch's {@code SGD(nesterov=True)} (whose
 * buffer b = −v/ρ); a per-step rate multiplier s scales ρ in both places.
 *
 * @param rho the learning rate ρ ({@code stepSize}), finite and > 0
 * @param nu the momentum ν ({@code momentum}), in [0, 1)
 */
public record Nesterov(float rho, float nu) implements Optimizer {

  public static final float DEFAULT_STEP_SIZE = 0.01f;
  public static final float DEFAULT_MOMENTUM = 0.9f;

  public Nesterov {
    Check.stepSize(rho);
    Check.unitInterval("momentum", nu);
  }

  /** ρ = 0.01, ν = 0.9. */
  public Nesterov() {
    this(DEFAULT_STEP_SIZE, DEFAULT_MOMENTUM);
  }

  /** The velocity v, aligned with Θ, and the step count. */
  public static final class State implements OptimizerState {
    private final float[] velocity;
    private long step;

    public State(int size) {
      Check.count("size", size);
      velocity = new float[size];
    }

    @Override
    public long step() {
      return step;
    }

    /** v (live, not a copy). */
    public float[] velocity() {
      return velocity;
    }

    @Override
    public List<float[]> arrays() {
      return List.of(velocity);
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
    Check.sizes(theta, gradient, s.velocity.length);
    Check.rateScale(rateScale);
    float rate = rho * rateScale;
    float[] v = s.velocity;
    for (int i = 0; i < theta.length; i++) {
      float step = rate * gradient[i];
      float vi = nu * v[i] - step;
      v[i] = vi;
      theta[i] += nu * vi - step;
    }
    s.step++;
  }

  @Override
  public String toString() {
    return "Nesterov(stepSize=" + Check.format(rho) + ", momentum=" + Check.format(nu) + ")";
  }
}
