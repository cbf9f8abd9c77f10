package org.sparkprop.optim;

import java.util.List;

/**
 * Adadelta, setting name {@code adadelta}: Adagrad with a decaying average of squared gradients
 * instead of their sum, and the units corrected by a decaying average of squared updates,
 * <pre>
 *   E[g²] ← γ·E[g²] + (1 − γ)·g²
 *   Δ     = −√(E[Δ²] + ε) / √(E[g²] + ε) · g
 *   E[Δ²] ← γ·E[Δ²] + (1 − γ)·Δ²
 *   θ     ← θ + ρ·Δ
 * </pre>
 * (element-wise, both averages starting at 0). Zeiler, "ADADELTA: an adaptive learning rate
 * method", arXiv:1212.5701 (2012), Algorithm 1; the paper's update is ρ = 1 — the extra factor ρ
 * ({@code stepSize}) is PyTorch's {@code lr}, and it (and a per-step multiplier) scales only the
 * applied step, not the Δ that enters E[Δ²]. The decay γ is called {@code decay} here (the paper
 * and PyTorch call it ρ, which in this project is the learning rate).
 *
 * @param rho the learning rate ρ ({@code stepSize}), finite and > 0
 * @param decay γ ({@code decay}), in [0, 1)
 * @param epsilon ε, finite and > 0
 */
public record Adadelta(float rho, float decay, float epsilon) implements Optimizer {

  public static final float DEFAULT_STEP_SIZE = 1.0f;
  /** Zeiler's γ (§4.1 uses 0.95). */
  public static final float DEFAULT_DECAY = 0.95f;
  /** Zeiler's ε (§4.1 uses 1e-6). */
  public static final float DEFAULT_EPSILON = 1e-6f;

  public Adadelta {
    Check.stepSize(rho);
    Check.unitInterval("decay", decay);
    Check.positive("epsilon", epsilon);
  }

  /** ρ = 1, γ = 0.95, ε = 1e-6. */
  public Adadelta() {
    this(DEFAULT_STEP_SIZE, DEFAULT_DECAY, DEFAULT_EPSILON);
  }

  /** E[g²] and E[Δ²], aligned with Θ, and the step count. */
  public static final class State implements OptimizerState {
    private final float[] meanSquareGradient;
    private final float[] meanSquareDelta;
    private long step;

    public State(int size) {
      Check.count("size", size);
      meanSquareGradient = new float[size];
      meanSquareDelta = new float[size];
    }

    @Override
    public long step() {
      return step;
    }

    /** E[g²] (live, not a copy). */
    public float[] meanSquareGradient() {
      return meanSquareGradient;
    }

    /** E[Δ²] (live, not a copy). */
    public float[] meanSquareDelta() {
      return meanSquareDelta;
    }

    @Override
    public List<float[]> arrays() {
      return List.of(meanSquareGradient, meanSquareDelta);
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
    Check.sizes(theta, gradient, s.meanSquareGradient.length);
    Check.rateScale(rateScale);
    // In float like the other optimizers: the JIT vectorizes the loop, square roots included.
    float rate = rho * rateScale;
    float keep = 1f - decay;
    float[] eg = s.meanSquareGradient;
    float[] ed = s.meanSquareDelta;
    for (int i = 0; i < theta.length; i++) {
      float g = gradient[i];
      float egi = decay * eg[i] + keep * g * g;
      eg[i] = egi;
      float delta = -(float) Math.sqrt(ed[i] + epsilon) / (float) Math.sqrt(egi + epsilon) * g;
      ed[i] = decay * ed[i] + keep * delta * delta;
      theta[i] += rate * delta;
    }
    s.step++;
  }

  @Override
  public String toString() {
    return "Adadelta(stepSize=" + Check.format(rho) + ", decay=" + Check.format(decay)
        + ", epsilon=" + Check.format(epsilon) + ")";
  }
}
