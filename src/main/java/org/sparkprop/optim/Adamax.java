package org.sparkprop.optim;

import java.util.List;

/**
 * AdaMax, setting name {@code adamax}: Adam with the L2 norm of past gradients replaced by the
 * L∞ norm,
 * <pre>
 *   t ← t + 1
 *   m ← β1·m + (1 − β1)·g
 *   u ← max(β2·u, |g|)
 *   θ ← θ − (ρ / (1 − β1^t))·m / u
 * </pre>
 * (element-wise, m and u starting at 0). Kingma &amp; Ba, "Adam: a method for stochastic
 * optimization", ICLR 2015 (arXiv:1412.6980), §7.1, Algorithm 2, with its defaults β1 = 0.9,
 * β2 = 0.999; ρ = 0.01, not α = 0.002 (docs/optimizer-defaults.md).
 * The paper has no ε: where u = 0 (every gradient of that parameter so far
 * was 0, so m = 0 too) the parameter is left unchanged instead of computing 0/0.
 *
 * @param rho the learning rate ρ = α ({@code stepSize}), finite and > 0
 * @param beta1 β1, in [0, 1)
 * @param beta2 β2, in [0, 1)
 */
public record Adamax(float rho, float beta1, float beta2) implements Optimizer {

  public static final float DEFAULT_STEP_SIZE = 0.01f;
  public static final float DEFAULT_BETA1 = 0.9f;
  public static final float DEFAULT_BETA2 = 0.999f;

  public Adamax {
    Check.stepSize(rho);
    Check.unitInterval("beta1", beta1);
    Check.unitInterval("beta2", beta2);
  }

  /** The defaults: ρ = 0.01, β1 = 0.9, β2 = 0.999. */
  public Adamax() {
    this(DEFAULT_STEP_SIZE, DEFAULT_BETA1, DEFAULT_BETA2);
  }

  /** The first moment m and the exponentially weighted infinity norm u, and the step count t. */
  public static final class State implements OptimizerState {
    private final float[] m;
    private final float[] u;
    private long step;

    public State(int size) {
      Check.count("size", size);
      m = new float[size];
      u = new float[size];
    }

    @Override
    public long step() {
      return step;
    }

    /** m (live, not a copy). */
    public float[] m() {
      return m;
    }

    /** u (live, not a copy). */
    public float[] u() {
      return u;
    }

    @Override
    public List<float[]> arrays() {
      return List.of(m, u);
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
    float rate = (float) ((double) rho * rateScale / (1 - Math.pow(beta1, t)));
    float k1 = 1f - beta1;
    float[] m = s.m;
    float[] u = s.u;
    for (int i = 0; i < theta.length; i++) {
      float g = gradient[i];
      float mi = beta1 * m[i] + k1 * g;
      float ui = Math.max(beta2 * u[i], Math.abs(g));
      m[i] = mi;
      u[i] = ui;
      // No step where u = 0, without a branch, so that the JIT vectorizes the loop: live is 1
      // for any u > 0 (u ≥ 2^-149 scales to at least 2^51 before the min) and 0 for u = 0,
      // where the divisor becomes the smallest float instead of 0. For u > 0 the step is
      // (rate·m)/u to the bit.
      float live = Math.min(ui * 0x1p100f * 0x1p100f, 1f);
      theta[i] -= rate * (mi * live) / Math.max(ui, Float.MIN_VALUE);
    }
    s.step = t;
  }

  @Override
  public String toString() {
    return "Adamax(stepSize=" + Check.format(rho) + ", beta1=" + Check.format(beta1)
        + ", beta2=" + Check.format(beta2) + ")";
  }
}
