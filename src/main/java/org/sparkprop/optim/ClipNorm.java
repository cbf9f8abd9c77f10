package org.sparkprop.optim;

/**
 * Gradient clipping by global norm (docs/equations.md, Regularization): if ‖g‖₂ > c, scale the
 * whole gradient by c/‖g‖₂ so its norm becomes c; otherwise leave it. The direction is kept.
 * Pascanu, Mikolov &amp; Bengio, "On the difficulty of training recurrent neural networks",
 * ICML 2013, Algorithm 1.
 *
 * @param maxNorm c, finite and > 0
 */
public record ClipNorm(double maxNorm) implements java.io.Serializable {

  public ClipNorm {
    Check.positive("clipNorm", maxNorm);
  }

  /** Clips {@code gradient} in place; returns its L2 norm before clipping. */
  public double apply(float[] gradient) {
    return clip(gradient, maxNorm);
  }

  /**
   * Scales {@code gradient} in place so that ‖g‖₂ ≤ {@code maxNorm}; returns the norm before
   * clipping (NaN if g has a NaN, in which case g is left as it is).
   */
  public static double clip(float[] gradient, double maxNorm) {
    Check.positive("clipNorm", maxNorm);
    double sum = 0;
    for (float g : gradient) {
      sum += (double) g * g;
    }
    double norm = Math.sqrt(sum);
    if (norm > maxNorm) {
      double scale = maxNorm / norm;
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] = (float) (gradient[i] * scale);
      }
    }
    return norm;
  }

  @Override
  public String toString() {
    return "ClipNorm(clipNorm=" + Check.format(maxNorm) + ")";
  }
}
