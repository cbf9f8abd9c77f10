package org.sparkprop.optim;

import java.util.List;

/**
 * RMSprop, setting name {@code rmsprop}: divide the gradient by a running root mean square of its
 * recent values,
 * <pre>
 *   E[g²] ← β·E[g²] + (1 − β)·g²
 *   θ     ← θ − ρ·g / (√E[g²] + ε)
 * </pre>
 * (element-wise, E[g²] starting at 0, no momentum, not centered). Tieleman &amp; Hinton, "Lecture
 * 6.5 — rmsprop: divide the gradient by a running average of its recent magnitude", COURSERA:
 * Neural Networks for Machine Learning (2012), slides of lecture 6e; ε outside the square root as
 * in Keras and PyTorch. Defaults β = 0.9 and ε = 1e-7 are Keras'; ρ = 0.003 (Keras: 0.001) is
 * measured on the spirals and Fashion-MNIST (see docs/optimizer-defaults.md).
 *
 * @param rho the learning rate ρ ({@code stepSize}), finite and > 0
 * @param decay β ({@code decay}), in [0, 1)
 * @param epsilon ε, finite and > 0
 */
public record RmsProp(float rho, float decay, float epsilon) implements Optimizer {

  public static final float DEFAULT_STEP_SIZE = 0.003f;
  /** Hinton's 0.9. */
  public static final float DEFAULT_DECAY = 0.9f;
  public static final float DEFAULT_EPSILON = 1e-7f;

  public RmsProp {
    Check.stepSize(rho);
    Check.unitInterval("decay", decay);
    Check.positive("epsilon", epsilon);
  }

  /** ρ = 0.001, β = 0.9, ε = 1e-7. */
  public RmsProp() {
    this(DEFAULT_STEP_SIZE, DEFAULT_DECAY, DEFAULT_EPSILON);
  }

  /** E[g²], aligned with Θ, and the step count. */
  public static final class State implements OptimizerState {
    private final float[] meanSquare;
    private long step;

    public State(int size) {
      Check.count("size", size);
      meanSquare = new float[size];
    }

    @Override
    public long step() {
      return step;
    }

    /** E[g²] (live, not a copy). */
    public float[] meanSquare() {
      return meanSquare;
    }

    @Override
    public List<float[]> arrays() {
      return List.of(meanSquare);
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
    Check.sizes(theta, gradient, s.meanSquare.length);
    Check.rateScale(rateScale);
    float rate = rho * rateScale;
    float keep = 1f - decay;
    float[] ms = s.meanSquare;
    for (int i = 0; i < theta.length; i++) {
      float g = gradient[i];
      float mi = decay * ms[i] + keep * g * g;
      ms[i] = mi;
      theta[i] -= rate * g / ((float) Math.sqrt(mi) + epsilon);
    }
    s.step++;
  }

  @Override
  public String toString() {
    return "RmsProp(stepSize=" + Check.format(rho) + ", decay=" + Check.format(decay)
        + ", epsilon=" + Check.format(epsilon) + ")";
  }
}
