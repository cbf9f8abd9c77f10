package org.sparkprop.nn;

/**
 * g_U(z) = max(0, z); g'_U(z) = 1 for z &gt; 0 and 0 for z &lt; 0. g'(0) is
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
   * on real pre-activations and made this pass about 60× slower (JMH {@code ReluBenchmark}).
   */
  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      a[i] = Math.max(a[i], 0f);
    }
  }

  /**
   * δ ← δ·g'(s), g'(s) = 1 for s &gt; 0 and 0 otherwise, as a clamp that the JIT vectorizes:
   * min(s·2^100·2^100, 1) is 1 for every positive float (the smallest subnormal, 2^−149, becomes
   * 2^51) and +∞, and max(0, ·) is 0 for s ≤ 0. So δ is multiplied by exactly 1 or 0. (A branch
   * on s was about 20× slower, JMH {@code ReluBenchmark}; a select or a bit mask on s is not
   * vectorized either.) An output of NaN gives a NaN δ.
   */
  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      delta[i] *= Math.max(0f, Math.min(s[i] * 0x1p100f * 0x1p100f, 1f));
    }
  }
}
