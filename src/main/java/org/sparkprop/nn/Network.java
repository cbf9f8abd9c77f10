package org.sparkprop.nn;

import java.io.Serializable;
import org.sparkprop.tensor.RowMajor;

/**
 * A multilayer perceptron: forward values and backpropagated errors over a whole mini-batch at
 * once, as the notes' "Ecuaciones BackProp para N muestras", with one gemm per layer and pass.
 *
 * <p>For a batch of n rows (X is n × M_0, row-major) and layer k with weights W^k (M_k × M_{k−1})
 * and biases b^k:
 * <pre>
 *   φ^k = S^{k−1}·W^kᵀ + b^k          s^k = g(φ^k)                    (forward, S^0 = X)
 *   δ^L = (T − S^L) ⊙ g'(φ^L)          (t − s for softmax + cross-entropy)
 *   δ^{k−1} = (δ^k·W^k) ⊙ g'(φ^{k−1})
 *   ∂q/∂W^k = −δ^kᵀ·S^{k−1}            ∂q/∂b^k = −Σ_n δ^k_n
 * </pre>
 * Gradients are of the summed loss Σ_n q_n; dividing by N is the trainer's business, so that
 * shards can simply add their sums.
 */
public final class Network implements Serializable {

  private final NetworkSpec spec;
  private final ThetaLayout layout;

  public Network(NetworkSpec spec) {
    this.spec = spec;
    this.layout = new ThetaLayout(spec);
  }

  public NetworkSpec spec() {
    return spec;
  }

  public ThetaLayout layout() {
    return layout;
  }

  /** D, the length of Θ. */
  public int parameterCount() {
    return layout.size();
  }

  /** A workspace for batches of up to {@code rows} rows. */
  public Workspace newWorkspace(int rows) {
    return new Workspace(spec, rows);
  }

  /**
   * Forward pass of {@code rows} inputs (row-major at x[xOff], M_0 columns): leaves every s^k in
   * the workspace and returns the output array s^L (rows × M_L from offset 0).
   */
  public float[] forward(float[] theta, float[] x, int xOff, int rows, Workspace ws) {
    ws.ensure(rows);
    int depth = spec.depth();
    for (int k = 1; k <= depth; k++) {
      int in = spec.size(k - 1);
      int out = spec.size(k);
      int off = layout.offset(k);
      int ld = layout.rowLength(k);
      float[] input = k == 1 ? x : ws.s[k - 1];
      int inputOff = k == 1 ? xOff : 0;
      float[] phi = ws.s[k];
      // φ starts as the biases θ^k_i0, then gemm adds S^{k−1}·W^kᵀ onto it (beta = 1).
      RowMajor.broadcastRows(theta, off, ld, rows, out, phi, 0, out);
      RowMajor.gemm(false, true, rows, out, in, 1f, input, inputOff, in, theta, off + 1, ld, 1f,
          phi, 0, out);
      spec.activation(k).forward(phi, 0, rows, out);
    }
    return ws.s[depth];
  }

  /**
   * Forward and backward pass over a batch: adds ∂(Σ_n q_n)/∂Θ into {@code grad} (aligned with
   * Θ) and returns Σ_n q_n. The outputs stay in the workspace for accuracy counting.
   */
  public double gradient(float[] theta, float[] x, int xOff, float[] t, int tOff, int rows,
      Workspace ws, float[] grad) {
    if (rows == 0) {
      return 0;
    }
    float[] outputs = forward(theta, x, xOff, rows, ws);
    int depth = spec.depth();
    int outputs_ = spec.size(depth);
    double loss = spec.loss().value(outputs, t, tOff, rows, outputs_);
    spec.loss().outputDelta(spec.output(), outputs, t, tOff, ws.delta[depth], rows, outputs_);
    for (int k = depth; k >= 1; k--) {
      int in = spec.size(k - 1);
      int out = spec.size(k);
      int off = layout.offset(k);
      int ld = layout.rowLength(k);
      float[] input = k == 1 ? x : ws.s[k - 1];
      int inputOff = k == 1 ? xOff : 0;
      float[] delta = ws.delta[k];
      // ∂q/∂θ^k_ij = −Σ_n δ^k_ni s^{k−1}_nj: the notes' Δθ = ρ·δ·s with the sign of a gradient.
      RowMajor.gemm(true, false, out, in, rows, -1f, delta, 0, out, input, inputOff, in, 1f,
          grad, off + 1, ld);
      RowMajor.addColumnSums(-1f, delta, 0, out, rows, out, grad, off, ld);
      if (k > 1) {
        // δ^{k−1}_i = g'(φ^{k−1}_i) Σ_r δ^k_r θ^k_ri
        RowMajor.gemm(false, false, rows, in, out, 1f, delta, 0, out, theta, off + 1, ld, 0f,
            ws.delta[k - 1], 0, in);
        spec.activation(k - 1).backward(ws.s[k - 1], ws.delta[k - 1], 0, rows, in);
      }
    }
    return loss;
  }

  /** Σ_n q_n of a batch, forward only. */
  public double loss(float[] theta, float[] x, int xOff, float[] t, int tOff, int rows,
      Workspace ws) {
    if (rows == 0) {
      return 0;
    }
    float[] outputs = forward(theta, x, xOff, rows, ws);
    return spec.loss().value(outputs, t, tOff, rows, spec.size(spec.depth()));
  }

  /**
   * How many of the last forward pass's rows are classified right: argmax_c s^L_c equals the
   * argmax of the target row (the notes' f(x) = argmax_c s_c(x)).
   */
  public int countCorrect(Workspace ws, float[] t, int tOff, int rows) {
    int c = spec.size(spec.depth());
    float[] s = ws.outputs();
    int correct = 0;
    for (int n = 0; n < rows; n++) {
      if (c == 1) {
        // One sigmoid output: class 1 when s ≥ ½.
        if ((s[n] >= 0.5f) == (t[tOff + n] >= 0.5f)) {
          correct++;
        }
      } else if (RowMajor.argmax(s, n * c, c) == RowMajor.argmax(t, tOff + n * c, c)) {
        correct++;
      }
    }
    return correct;
  }
}
