package org.sparkprop.nn;

/**
 * Batch normalization (Ioffe &amp; Szegedy 2015; docs/equations.md, Normalization) of
 * the output s^k of a layer with M units, per unit over the b rows of a batch, with the
 * unbiased variance and learnable γ_i, β_i:
 * <pre>
 *   μ_i = (1/b) Σ_n s_ni     σ_i² = (1/(b−1)) Σ_n (s_ni − μ_i)²     x̂_ni = (s_ni − μ_i)/√(σ_i² + ε)
 *   ŝ_ni = γ_i x̂_ni + β_i
 * </pre>
 * (one variance per unit, as in the paper, not ‖s − μ_B‖² for the whole layer; one variance
 * per unit). Backward, with e = −∂q/∂ŝ, A_i = Σ_n e_ni, B_i = Σ_n e_ni x̂_ni, r_i = 1/√(σ_i² + ε):
 * <pre>
 *   ∂q/∂γ_i = −B_i     ∂q/∂β_i = −A_i     −∂q/∂s_ni = γ_i r_i (e_ni − A_i/b − x̂_ni B_i/(b−1))
 * </pre>
 * In inference μ_i and σ_i² are replaced by running averages kept in {@link NetworkState}.
 *
 * <p>Distributed semantics: per-shard statistics. Each shard normalizes its share of the
 * mini-batch with that share's own μ and σ² (one forward block: at most
 * {@code ShardWorker.CHUNK_ROWS} rows, as "ghost batch normalization", Hoffer, Hubara &amp; Soudry
 * 2017), as data-parallel frameworks do by default; no extra communication per layer. Each block
 * reports, alongside its gradient, the additive sums (b·μ_i, Σ_n (s_ni − μ_i)², b·μ_i²), which
 * the aggregation adds across shards and the driver turns into the exact mean and unbiased
 * variance of the whole mini-batch (Chan, Golub &amp; LeVeque's pooled formula):
 * <pre>
 *   μ = Σ b_p μ_p / b        (b − 1)·σ² = Σ_p M2_p + Σ_p b_p μ_p² − b μ²
 * </pre>
 * and blends into the running averages (see {@link NetworkState#updateRunningStatistics}). The
 * gradient of a shard depends on how the batch is split, exactly as with per-device statistics
 * in other frameworks, but it is a pure function of (Θ, plan, data): the in-memory trainer and
 * Spark compute the same shares, hence the same weights and running statistics.
 */
final class BatchNorm {

  /** Number of additive statistics per unit reported by a training pass. */
  static final int STATISTICS_PER_UNIT = 3;

  private BatchNorm() {}

  /**
   * Training: normalizes rows × m values of a with the batch's own μ_i, σ_i² into out; keeps x̂
   * and, in stat, μ_i (0..m), Σ_n (s_ni − μ_i)² (m..2m) and r_i (2m..3m).
   */
  static void forwardTraining(float[] a, int rows, int m, float[] xhat, float[] stat,
      double[] acc, float[] out, float[] theta, int gOff, int bOff, float epsilon) {
    java.util.Arrays.fill(acc, 0, 2 * m, 0.0);
    for (int n = 0; n < rows; n++) {
      int row = n * m;
      for (int i = 0; i < m; i++) {
        acc[i] += a[row + i];
      }
    }
    for (int i = 0; i < m; i++) {
      acc[i] /= rows;
    }
    for (int n = 0; n < rows; n++) {
      int row = n * m;
      for (int i = 0; i < m; i++) {
        double d = a[row + i] - acc[i];
        acc[m + i] += d * d;
      }
    }
    double denominator = Math.max(rows - 1, 1);
    for (int i = 0; i < m; i++) {
      stat[i] = (float) acc[i];
      stat[m + i] = (float) acc[m + i];
      stat[2 * m + i] = (float) (1.0 / Math.sqrt(acc[m + i] / denominator + epsilon));
    }
    for (int n = 0; n < rows; n++) {
      int row = n * m;
      for (int i = 0; i < m; i++) {
        float h = (a[row + i] - stat[i]) * stat[2 * m + i];
        xhat[row + i] = h;
        out[row + i] = theta[gOff + i] * h + theta[bOff + i];
      }
    }
  }

  /**
   * Inference: normalizes with the running μ_i (state[meanOff + i]) and σ_i² (state[varOff + i]).
   * {@code scratch} holds at least 2·m doubles.
   */
  static void forwardInference(float[] a, int rows, int m, float[] state, int meanOff,
      int varOff, double[] scratch, float[] out, float[] theta, int gOff, int bOff,
      float epsilon) {
    // ŝ = γ(s − μ)r + β = s·(γr) + (β − γrμ): one multiply-add per value.
    for (int i = 0; i < m; i++) {
      double scale = theta[gOff + i] / Math.sqrt((double) state[varOff + i] + epsilon);
      scratch[i] = scale;
      scratch[m + i] = theta[bOff + i] - scale * state[meanOff + i];
    }
    for (int n = 0; n < rows; n++) {
      int row = n * m;
      for (int i = 0; i < m; i++) {
        out[row + i] = (float) (a[row + i] * scratch[i] + scratch[m + i]);
      }
    }
  }

  /**
   * In place on e (rows × m): on entry −∂q/∂ŝ, on return −∂q/∂s; adds ∂q/∂γ and ∂q/∂β into grad.
   * {@code acc} is scratch of 2·m doubles.
   */
  static void backward(float[] e, float[] xhat, float[] stat, int rows, int m, float[] theta,
      int gOff, int bOff, float[] grad, double[] acc) {
    java.util.Arrays.fill(acc, 0, 2 * m, 0.0);
    for (int n = 0; n < rows; n++) {
      int row = n * m;
      for (int i = 0; i < m; i++) {
        float ei = e[row + i];
        acc[i] += ei;
        acc[m + i] += ei * xhat[row + i];
      }
    }
    double denominator = Math.max(rows - 1, 1);
    for (int i = 0; i < m; i++) {
      grad[bOff + i] -= (float) acc[i];
      grad[gOff + i] -= (float) acc[m + i];
      // Reuse acc as the per-unit constants of the second pass.
      acc[i] = acc[i] / rows;
      acc[m + i] = acc[m + i] / denominator;
    }
    for (int n = 0; n < rows; n++) {
      int row = n * m;
      for (int i = 0; i < m; i++) {
        float scale = theta[gOff + i] * stat[2 * m + i];
        e[row + i] = scale
            * (float) (e[row + i] - acc[i] - xhat[row + i] * acc[m + i]);
      }
    }
  }

  /** Adds this block's (b·μ_i, Σ_n (s_ni − μ_i)², b·μ_i²) into into[off …off + 3m). */
  static void addStatistics(float[] stat, int rows, int m, float[] into, int off) {
    for (int i = 0; i < m; i++) {
      double mu = stat[i];
      into[off + i] += (float) (rows * mu);
      into[off + m + i] += stat[m + i];
      into[off + 2 * m + i] += (float) (rows * mu * mu);
    }
  }
}
