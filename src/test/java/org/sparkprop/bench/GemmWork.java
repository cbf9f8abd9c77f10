package org.sparkprop.bench;

/**
 * The matrix arithmetic one sample costs in {@code Network.gradient}, as opposed to the
 * 6 × parameters convention that {@code scripts/bench}'s training FLOP/s uses (and that
 * MLlib's figures use too, so the two stay comparable).
 *
 * <p>Per sample: forward φ = S·Wᵀ is 2·Σ_k M_k·M_{k−1}; backward ∂q/∂W = −δᵀS is the same again,
 * and δ^{k−1} = (δW)⊙g′ is 2·Σ_{k≥2} M_k·M_{k−1}, none below the first layer. For
 * 784-256-128-10 that is 4.29 × the weights, so the convention overstates the work by 40%, and
 * its ratio to the sgemm peak can pass 100% at large batches.
 */
final class GemmWork {

  private GemmWork() {}

  /** Forward pass FLOP per sample. */
  static long forwardPerSample(int[] sizes) {
    return 2 * weights(sizes, 1);
  }

  /** Forward, ∂q/∂W and the errors δ^{k−1} for k ≥ 2: FLOP per sample of one gradient. */
  static long gradientPerSample(int[] sizes) {
    return 4 * weights(sizes, 1) + 2 * weights(sizes, 2);
  }

  /** Σ_{k ≥ from} M_k·M_{k−1}: the weights of layers from, from + 1, ... (biases excluded). */
  private static long weights(int[] sizes, int from) {
    long sum = 0;
    for (int k = from; k < sizes.length; k++) {
      sum += (long) sizes[k] * sizes[k - 1];
    }
    return sum;
  }
}
