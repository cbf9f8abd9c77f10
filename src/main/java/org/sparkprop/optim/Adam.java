package org.sparkprop.optim;

import java.util.List;

/**
 * Adam, setting name {@code adam}: bias-corrected running averages of the gradient and of its
 * square,
 * <pre>
 *   t ← t + 1
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   m̂ = m / (1 − β1^t)
 *   v̂ = v / (1 − β2^t)
 *   θ ← θ − ρ·m̂ / (√v̂ + ε)
 * </pre>
 * (element-wise, m and v starting at 0). Kingma &amp; Ba, "Adam: a method for stochastic
 * optimization", ICLR 2015 (arXiv:1412.6980), Algorithm 1, with its defaults β1 = 0.9,
 * β2 = 0.999, ε = 1e-8; ρ = 0.003, not α = 0.001 (docs/optimizer-defaults.md).
 * Note the division by √v̂ (a shipped bug elsewhere multiplied).
 *
 * @param rho the learning rate ρ = α ({@code stepSize}), finite and > 0
 * @param beta1 β1, in [0, 1)
 * @param beta2 β2, in [0, 1)
 * @param epsilon ε, finite and > 0
 */
public record Adam(float rho, float beta1, float beta2, float epsilon) implements Optimizer {

  public static final float DEFAULT_STEP_SIZE = 0.003f;
  public static final float DEFAULT_BETA1 = 0.9f;
  public static final float DEFAULT_BETA2 = 0.999f;
  public static final float DEFAULT_EPSILON = 1e-8f;

  public Adam {
    Check.stepSize(rho);
    Check.unitInterval("beta1", beta1);
    Check.unitInterval("beta2", beta2);
    Check.positive("epsilon", epsilon);
  }

  /** The defaults: ρ = 0.003, β1 = 0.9, β2 = 0.999, ε = 1e-8. */
  public Adam() {
    this(DEFAULT_STEP_SIZE, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
  }

  /** The first and second moment estimates m and v, aligned with Θ, and the step count t. */
  public static final class State implements OptimizerState {
    private final float[] m;
    private final float[] v;
    private long step;

    public State(int size) {
      Check.count("size", size);
      m = new float[size];
      v = new float[size];
    }

    @Override
    public long step() {
      return step;
    }

    /** m, the biased first moment (live, not a copy). */
    public float[] m() {
      return m;
    }

    /** v, the biased second raw moment (live, not a copy). */
    public float[] v() {
      return v;
    }

    @Override
    public List<float[]> arrays() {
      return List.of(m, v);
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
    Check.sizes(theta, gradient, s.m.length);
    Check.rateScale(rateScale);
    long t = s.step + 1;
    // The bias corrections in double (β2^t is 1 − O(1e-3) early on), then one float step size
    // ρ/(1 − β1^t) and scale 1/(1 − β2^t): the loop stays in float, which the JIT vectorizes.
    float rate = (float) ((double) rho * rateScale / (1 - Math.pow(beta1, t)));
    float vHat = (float) (1 / (1 - Math.pow(beta2, t)));
    float k1 = 1f - beta1;
    float k2 = 1f - beta2;
    float[] m = s.m;
    float[] v = s.v;
    for (int i = 0; i < theta.length; i++) {
      float g = gradient[i];
      float mi = beta1 * m[i] + k1 * g;
      float vi = beta2 * v[i] + k2 * g * g;
      m[i] = mi;
      v[i] = vi;
      theta[i] -= rate * mi / ((float) Math.sqrt(vi * vHat) + epsilon);
    }
    s.step = t;
  }

  @Override
  public String toString() {
    return "Adam(stepSize=" + Check.format(rho) + ", beta1=" + Check.format(beta1)
        + ", beta2=" + Check.format(beta2) + ", epsilon=" + Check.format(epsilon) + ")";
  }
}
