package org.sparkprop.nn;

/**
 * q_n(Θ) = −Σ_i t_ni log s^L_i with a softmax output layer, whose outputs are then the class
 * posteriors.
 *
 * <p>Fused with softmax: −∂q/∂φ_i = Σ_k (t_k / s_k)·s_k(1[k=i] − s_i) = t_i − s_i Σ_k t_k =
 * t_i − s_i for targets summing to one. Computing δ = t − s directly skips the division by s
 * (which overflows as s → 0) and the Jacobian product, and is exact.
 */
public record CrossEntropy() implements Loss {

  /** Floor under s inside the log, so that a saturated wrong output costs a large finite loss. */
  private static final float MIN_PROBABILITY = 1e-30f;

  @Override
  public String name() {
    return "cross_entropy";
  }

  @Override
  public double value(float[] s, int sOff, float[] t, int tOff, int rows, int cols) {
    double sum = 0;
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      float target = t[tOff + i];
      if (target != 0f) {
        sum -= target * Math.log(Math.max(s[sOff + i], MIN_PROBABILITY));
      }
    }
    return sum;
  }

  @Override
  public void outputDelta(Activation output, float[] s, float[] t, int tOff, float[] delta,
      int rows, int cols) {
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      delta[i] = t[tOff + i] - s[i];
    }
  }

  @Override
  public String incompatibility(Activation output) {
    return output instanceof Softmax ? null
        : "loss cross_entropy needs output=softmax (its outputs must be class posteriors), got output="
            + output.name();
  }
}
