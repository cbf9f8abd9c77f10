package org.sparkprop.nn;

/**
 * Exponential linear unit (Clevert, Unterthiner &amp; Hochreiter 2016):
 * g(z) = z for z ≥ 0 and α(e^z − 1) for z &lt; 0, with α &gt; 0; g'(z) = 1 for z ≥ 0 and
 * α·e^z = g(z) + α for z &lt; 0. Negative outputs come exactly from negative inputs, so g' is
 * computed from the output s. Setting value {@code elu} (α = 1) or {@code elu:α}.
 */
public record Elu(float alpha) implements Activation {

  /** The paper's α. */
  public static final float DEFAULT_ALPHA = 1f;

  public Elu {
    if (!(alpha > 0f) || Float.isInfinite(alpha)) {
      throw new IllegalArgumentException("elu α is " + alpha
          + "; it must be a finite number > 0 (e.g. elu:1.0)");
    }
  }

  public Elu() {
    this(DEFAULT_ALPHA);
  }

  @Override
  public String name() {
    return alpha == DEFAULT_ALPHA ? "elu" : "elu:" + alpha;
  }

  @Override
  public boolean rectifier() {
    return true;
  }

  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      if (a[i] < 0f) {
        a[i] = alpha * (float) Math.expm1(a[i]);
      }
    }
  }

  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      if (s[i] < 0f) {
        delta[i] *= s[i] + alpha;
      }
    }
  }
}
