package org.sparkprop.optim;

/**
 * L1 regularization: q_S(Θ) + λ·Σ_{l,i,j} |θ^l_ij|, summed over the entries the mask
 * includes (normally the weights, not the biases). Its subgradient is λ·sign(θ) on those entries,
 * taking sign(0) = 0 (the minimum-norm subgradient), and 0 elsewhere. Tibshirani, "Regression
 * shrinkage and selection via the lasso", J. R. Stat. Soc. B 58 (1996).
 *
 * @param lambda λ, finite and >= 0
 * @param mask the entries penalized
 */
public record L1Penalty(float lambda, ParameterMask mask) implements java.io.Serializable {

  public L1Penalty {
    Check.nonNegative("lambda", lambda);
    if (mask == null) {
      throw new IllegalArgumentException("mask is null; use ParameterMask.all(size) to penalize all");
    }
  }

  /** λ·Σ_masked |θ_i|. */
  public double value(float[] theta) {
    mask.checkSize("theta", theta.length);
    double sum = 0;
    for (int i = 0; i < theta.length; i++) {
      if (mask.includes(i)) {
        sum += Math.abs(theta[i]);
      }
    }
    return lambda * sum;
  }

  /** gradient_i += λ·sign(θ_i) on the masked entries. */
  public void addGradient(float[] theta, float[] gradient) {
    mask.checkSize("theta", theta.length);
    mask.checkSize("gradient", gradient.length);
    for (int i = 0; i < theta.length; i++) {
      if (mask.includes(i)) {
        gradient[i] += lambda * Math.signum(theta[i]);
      }
    }
  }

  /** Adds the penalty's subgradient into {@code gradient} and returns {@code loss} plus its value. */
  public double addTo(double loss, float[] theta, float[] gradient) {
    addGradient(theta, gradient);
    return loss + value(theta);
  }

  @Override
  public String toString() {
    return "L1Penalty(lambda=" + Check.format(lambda) + ", " + mask + ")";
  }
}
