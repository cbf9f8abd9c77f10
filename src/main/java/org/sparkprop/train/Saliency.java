package org.sparkprop.train;

import org.sparkprop.nn.Network;
import org.sparkprop.nn.Workspace;

/**
 * First-order Taylor relevance of each parameter: Σ_b |θ_i · g_b,i| over mini-batches b of the
 * data, g_b = Σ_{n ∈ b} ∂q_n/∂θ_i the batch's summed gradient. Removing θ_i changes batch b's loss
 * by about −θ_i·g_b,i; the gradient of the whole data is about 0 at a minimum, so the batches'
 * terms are summed in absolute value instead (Molchanov et al., "Importance estimation for
 * neural network pruning", CVPR 2019). Batches are consecutive rows of the samples given.
 */
public final class Saliency {

  private final Network network;
  private final Workspace workspace;
  private float[] batch;

  public Saliency(Network network) {
    this.network = network;
    this.workspace = network.newWorkspace(1);
  }

  /**
   * Adds Σ_b |θ_i · g_b,i| over the batches of {@code batchRows} consecutive rows of
   * {@code samples} into {@code into} (length D).
   */
  public void accumulate(float[] theta, Samples samples, int batchRows, float[] into) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("saliency: batchRows is " + batchRows
          + "; it must be at least 1");
    }
    int d = network.parameterCount();
    if (theta.length != d || into.length < d) {
      throw new IllegalArgumentException("saliency: Θ has " + theta.length + " entries and the"
          + " sum " + into.length + "; the network has " + d);
    }
    int extra = network.batchStatisticsLength();
    if (batch == null || batch.length != d + extra) {
      batch = new float[d + extra];
    }
    int in = samples.inputs();
    int out = samples.outputs();
    for (int from = 0; from < samples.rows(); from += batchRows) {
      int n = Math.min(batchRows, samples.rows() - from);
      java.util.Arrays.fill(batch, 0f);
      workspace.ensure(n);
      network.gradient(theta, samples.x(), from * in, samples.t(), from * out, samples.w(), from,
          n, workspace, batch, 0L);
      for (int i = 0; i < d; i++) {
        into[i] += Math.abs(theta[i] * batch[i]);
      }
    }
  }
}
