package org.sparkprop.optim;

/**
 * Element-wise gradient clipping (docs/equations.md): clamp every g_i to [−c, c].
 * Unlike {@link ClipNorm} this can change the gradient's direction. Mikolov, "Statistical language
 * models based on neural networks", PhD thesis, Brno University of Technology (2012).
 *
 * @param maxValue c, finite and > 0
 */
public record ClipValue(float maxValue) implements java.io.Serializable {

  public ClipValue {
    Check.positive("clipValue", maxValue);
  }

  /** Clips {@code gradient} in place; returns how many entries were changed. */
  public int apply(float[] gradient) {
    return clip(gradient, maxValue);
  }

  /**
   * Clamps every entry of {@code gradient} to [−maxValue, maxValue] in place (NaN entries are left
   * as they are); returns how many entries were changed.
   */
  public static int clip(float[] gradient, float maxValue) {
    Check.positive("clipValue", maxValue);
    int changed = 0;
    for (int i = 0; i < gradient.length; i++) {
      float g = gradient[i];
      if (g > maxValue) {
        gradient[i] = maxValue;
        changed++;
      } else if (g < -maxValue) {
        gradient[i] = -maxValue;
        changed++;
      }
    }
    return changed;
  }

  @Override
  public String toString() {
    return "ClipValue(clipValue=" + Check.format(maxValue) + ")";
  }
}
