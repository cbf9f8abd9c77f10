package org.sparkprop.optim;

import java.util.List;

/**
 * Nadam (Nesterov-accelerated Adam), setting name {@code nadam}, in the simplified form without a
 * momentum schedule (the momentum μ_t of the paper held constant at β1):
 * <pre>
 *   t ← t + 1
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   m̂ = β1·m / (1 − β1^(t+1)) + (1 − β1)·g / (1 − β1^t)
 *   v̂ = v / (1 − β2^t)
 *   θ ← θ − ρ·m̂ / (√v̂ + ε)
 * </pre>
 * (element-wise, m and v starting at 0). Dozat, "Incorporating Nesterov momentum into Adam", ICLR
 * 2016 workshop, with μ_t = β1 for all t (so Π μ_i = β1^t); this is the form of
 * optax's {@code nadam} and of Ruder's "An overview of gradient descent optimization algorithms"
 * (2016). It differs from PyTorch's {@code NAdam} and Keras' {@code Nadam}, which use the schedule
 * μ_t = β1·(1 − ½·0.96^(0.004·t)). Defaults ρ = 0.005 (PyTorch's 0.002 is
 * slow on the spirals; see docs/optimizer-defaults.md), β1 = 0.9, β2 = 0.999, ε = 1e-8.
 *
 * @param rho the learning rate ρ ({@code stepSize}), finite and > 0
 * @param beta1 β1 (= μ), in [0, 1)
 * @param beta2 β2 (= ν), in [0, 1)
 * @param epsilon ε, finite and > 0
 */
public record Nadam(float rho, float beta1, float beta2, float epsilon) implements Optimizer {

  public static final float DEFAULT_STEP_SIZE = 0.005f;
  public static final float DEFAULT_BETA1 = 0.9f;
  public static final float DEFAULT_BETA2 = 0.999f;
  public static final float DEFAULT_EPSILON = 1e-8f;

  public Nadam {
    Check.stepSize(rho);
    Check.unitInterval("beta1", beta1);
    Check.unitInterval("beta2", beta2);
    Check.positive("epsilon", epsilon);
  }

  /** ρ = 0.002, β1 = 0.9, β2 = 0.999, ε = 1e-8. */
  public Nadam() {
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

    /** m (live, not a copy). */
    public float[] m() {
      return m;
    }

    /** v (live, not a copy). */
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
    // Coefficients in double, the loop in float (which the JIT vectorizes).
    float rate = rho * rateScale;
    float momentumWeight = (float) (beta1 / (1 - Math.pow(beta1, t + 1)));
    float gradientWeight = (float) ((1 - (double) beta1) / (1 - Math.pow(beta1, t)));
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
      float mHat = momentumWeight * mi + gradientWeight * g;
      theta[i] -= rate * mHat / ((float) Math.sqrt(vi * vHat) + epsilon);
    }
    s.step = t;
  }

  @Override
  public String toString() {
    return "Nadam(stepSize=" + Check.format(rho) + ", beta1=" + Check.format(beta1)
        + ", beta2=" + Check.format(beta2) + ", epsilon=" + Check.format(epsilon) + ")";
  }
}
