package org.sparkprop.nn;

/**
 * Drop-out (Srivastava, Hinton, Krizhevsky, Sutskever &amp; Salakhutdinov 2014;
 * docs/equations.md, Regularization: a random subset of the units is left out of each
 * update), inverted: in training each output s_ni of a layer with rate p is
 * kept with probability 1 − p and then divided by 1 − p,
 * <pre>
 *   s_ni ← s_ni·m_ni,   m_ni = 1/(1 − p) with probability 1 − p, else 0;   δ_ni ← δ_ni·m_ni
 * </pre>
 * so that E[s] is unchanged and inference uses the network as it is, without any rescaling.
 *
 * <p>The mask is a pure function of (seed, layer, row, unit): the training loop derives the seed
 * from (seed, epoch, iteration, shard, chunk), so a retried Spark task draws the same mask, and an
 * in-memory run draws the same masks as a Spark run.
 */
final class Dropout {

  private Dropout() {}

  /** Draws the mask of layer k for rows × cols outputs and applies it to s in place. */
  static void apply(float[] s, float[] mask, int rows, int cols, float rate, long seed, int k) {
    float scale = 1f / (1f - rate);
    long state = mix(seed ^ (0xD1B54A32D192ED03L * (k + 1)));
    int n = rows * cols;
    // Keep when the top 24 bits of a uniform 64-bit draw, as u ∈ [0, 1), are ≥ p.
    long threshold = (long) Math.ceil(rate * (double) (1 << 24));
    for (int i = 0; i < n; i++) {
      state += 0x9E3779B97F4A7C15L;
      long u = mix(state) >>> 40;
      float m = u >= threshold ? scale : 0f;
      mask[i] = m;
      s[i] *= m;
    }
  }

  /** δ ← δ·m in place (rows × cols). */
  static void backward(float[] delta, float[] mask, int rows, int cols) {
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      delta[i] *= mask[i];
    }
  }

  /** SplitMix64's finalizer (Steele, Lea &amp; Flood 2014). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
