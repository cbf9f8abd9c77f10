package org.sparkprop.optim;

import java.util.Arrays;

/**
 * Group lasso: λ·Σ_g ‖θ_g‖₂ over groups of entries of Θ, here the incoming connection weights of
 * each hidden unit, which drives whole groups (units) to 0 rather than single weights. Its
 * gradient is λ·θ_g/‖θ_g‖₂ on a group of non-zero norm and 0 on a group at 0 (the minimum-norm
 * subgradient). Yuan &amp; Lin, "Model selection and estimation in regression with grouped
 * variables", J. R. Stat. Soc. B 68 (2006).
 *
 * @param lambda λ, finite and >= 0
 * @param starts the first index of each group
 * @param lengths each group's length (consecutive entries)
 */
public record GroupLasso(float lambda, int[] starts, int[] lengths)
    implements java.io.Serializable {

  public GroupLasso {
    Check.nonNegative("lambda", lambda);
    if (starts == null || lengths == null || starts.length != lengths.length) {
      throw new IllegalArgumentException("group lasso: starts and lengths must be given, one"
          + " of each per group");
    }
    starts = starts.clone();
    lengths = lengths.clone();
  }

  private double norm(float[] theta, int g) {
    double sum = 0;
    for (int i = starts[g]; i < starts[g] + lengths[g]; i++) {
      sum += (double) theta[i] * theta[i];
    }
    return Math.sqrt(sum);
  }

  /** λ·Σ_g ‖θ_g‖₂. */
  public double value(float[] theta) {
    double sum = 0;
    for (int g = 0; g < starts.length; g++) {
      sum += norm(theta, g);
    }
    return lambda * sum;
  }

  /** gradient_g += λ·θ_g/‖θ_g‖₂ for every group of non-zero norm. */
  public void addGradient(float[] theta, float[] gradient) {
    for (int g = 0; g < starts.length; g++) {
      double n = norm(theta, g);
      if (n > 0) {
        float scale = (float) (lambda / n);
        for (int i = starts[g]; i < starts[g] + lengths[g]; i++) {
          gradient[i] += scale * theta[i];
        }
      }
    }
  }

  /** Adds the penalty's gradient into {@code gradient} and returns {@code loss} plus its value. */
  public double addTo(double loss, float[] theta, float[] gradient) {
    addGradient(theta, gradient);
    return loss + value(theta);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupLasso p && lambda == p.lambda && Arrays.equals(starts, p.starts)
        && Arrays.equals(lengths, p.lengths);
  }

  @Override
  public int hashCode() {
    return Float.hashCode(lambda) * 31 + Arrays.hashCode(starts);
  }

  @Override
  public String toString() {
    return "GroupLasso(lambda=" + Check.format(lambda) + ", groups=" + starts.length + ")";
  }
}
