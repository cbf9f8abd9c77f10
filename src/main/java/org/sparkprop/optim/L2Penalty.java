package org.sparkprop.optim;

/**
 * L2 regularization (weight decay as a penalty): q_S(Θ) + (λ/2)·Σ_{l,i,j} (θ^l_ij)²,
 * summed over the entries the mask includes (normally the weights, not the biases). Its gradient
 * is λ·θ on those entries and 0 elsewhere. Added to the batch-mean loss, so λ does not depend on
 * the batch size. Krogh &amp; Hertz, "A simple weight decay can improve generalization", NIPS 1991.
 *
 * @param lambda λ, finite and >= 0
 * @param mask the entries penalized
 */
public record L2Penalty(float lambda, ParameterMask mask) implements java.io.Serializable {

  public L2Penalty {
    Check.nonNegative("lambda", lambda);
    if (mask == null) {
      throw new IllegalArgumentException("mask is null; use ParameterMask.all(size) to penalize all");
    }
  }

  /** (λ/2)·Σ_masked θ_i². */
  public double value(float[] theta) {
    mask.checkSize("theta", theta.length);
    double sum = 0;
    for (int i = 0; i < theta.length; i++) {
      if (mask.includes(i)) {
        double t = theta[i];
        sum += t * t;
      }
    }
    return 0.5 * lambda * sum;
  }

  /** gradient_i += λ·θ_i on the masked entries. */
  public void addGradient(float[] theta, float[] gradient) {
    mask.checkSize("theta", theta.length);
    mask.checkSize("gradient", gradient.length);
    for (int i = 0; i < theta.length; i++) {
      if (mask.includes(i)) {
        gradient[i] += lambda * theta[i];
      }
    }
  }

  /** Adds the penalty's gradient into {@code gradient} and returns {@code loss} plus its value. */
  public double addTo(double loss, float[] theta, float[] gradient) {
    addGradient(theta, gradient);
    return loss + value(theta);
  }

  @Override
  public String toString() {
    return "L2Penalty(lambda=" + Check.format(lambda) + ", " + mask + ")";
  }
}
