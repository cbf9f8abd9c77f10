package org.sparkprop.nn;

/**
 * Leaky rectifier (Maas, Hannun &amp; Ng 2013): g(z) = z for z &gt; 0 and
 * α·z for z ≤ 0, with a fixed 0 ≤ α &lt; 1; g'(z) = 1 for z &gt; 0 and α for z &lt; 0. Since α ≥ 0
 * keeps the sign, s &gt; 0 exactly when z &gt; 0, and g' is computed from the output. At the kink
 * z = 0 we take α, as {@link Relu} takes 0. Setting value {@code leaky_relu} (α = 0.01) or
 * {@code leaky_relu:α}.
 */
public record LeakyRelu(float alpha) implements Activation {

  /** The usual slope of the negative side. */
  public static final float DEFAULT_ALPHA = 0.01f;

  public LeakyRelu {
    if (!(alpha >= 0f && alpha < 1f)) {
      throw new IllegalArgumentException("leaky_relu slope α is " + alpha
          + "; it must be in [0, 1) (e.g. leaky_relu:0.01)");
    }
  }

  public LeakyRelu() {
    this(DEFAULT_ALPHA);
  }

  @Override
  public String name() {
    return alpha == DEFAULT_ALPHA ? "leaky_relu" : "leaky_relu:" + alpha;
  }

  @Override
  public boolean rectifier() {
    return true;
  }

  /** max(z, α·z), which is g(z) for 0 ≤ α &lt; 1; branch-free, as in {@link Relu#forward}. */
  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      a[i] = Math.max(a[i], alpha * a[i]);
    }
  }

  /**
   * δ·max(α, min(s·2^100·2^100, 1)): exactly 1 for every positive s and α for s ≤ 0, without
   * a branch (see {@link Relu#backward}).
   */
  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      delta[i] *= Math.max(alpha, Math.min(s[i] * 0x1p100f * 0x1p100f, 1f));
    }
  }
}
