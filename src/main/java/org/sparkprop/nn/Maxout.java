package org.sparkprop.nn;

/**
 * Maxout units (Goodfellow, Warde-Farley, Mirza, Courville &amp; Bengio 2013): unit i of the layer
 * has k linear pieces φ_i1 … φ_ik, each with its own weights and bias, and outputs their maximum
 * <pre>
 *   s_i = max_p φ_ip          ∂s_i/∂φ_ip = 1 for the first p that attains the maximum, else 0
 * </pre>
 * The scalar form f(z) = max(w_1 z + b_1, w_2 z + b_2) is the special case where the
 * pieces share one direction (θ_ip = w_p·θ_i); ReLU (max(0, z)) and PReLU (max(αz, z)) are
 * special cases too. A maxout layer of M_k units therefore has k·M_k weight rows
 * ({@link ThetaLayout}: the pieces of unit i are rows i·k … i·k + k − 1) and the network keeps φ
 * (rows × k·M_k) apart from s (rows × M_k). Setting value {@code maxout} (k = 2) or
 * {@code maxout:k}.
 */
public record Maxout(int k) implements Activation {

  /** Pieces per unit by default. */
  public static final int DEFAULT_PIECES = 2;

  public Maxout {
    if (k < 2 || k > 64) {
      throw new IllegalArgumentException("maxout pieces k is " + k
          + "; it must be an integer in [2, 64] (e.g. maxout:3)");
    }
  }

  public Maxout() {
    this(DEFAULT_PIECES);
  }

  @Override
  public String name() {
    return k == DEFAULT_PIECES ? "maxout" : "maxout:" + k;
  }

  @Override
  public boolean inPlace() {
    return false;
  }

  @Override
  public int pieces() {
    return k;
  }

  /** Not in place: maxout maps k·M pre-activations to M outputs (see the class comment). */
  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    throw new UnsupportedOperationException("maxout changes the width: use the layer kernel");
  }

  /** Not in place: maxout maps k·M pre-activations to M outputs (see the class comment). */
  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    throw new UnsupportedOperationException("maxout changes the width: use the layer kernel");
  }

  /** s[n][i] = max_p φ[n][i·k + p] for rows × units outputs (φ is rows × units·k). */
  public void forward(float[] phi, float[] s, int rows, int units) {
    int width = units * k;
    for (int n = 0; n < rows; n++) {
      int in = n * width;
      int out = n * units;
      for (int i = 0; i < units; i++) {
        int base = in + i * k;
        float max = phi[base];
        for (int p = 1; p < k; p++) {
          max = Math.max(max, phi[base + p]);
        }
        s[out + i] = max;
      }
    }
  }

  /**
   * −∂q/∂φ (rows × units·k, into dPhi) from −∂q/∂s (rows × units, d): routed to the first piece
   * that attains the maximum, 0 for the others.
   */
  public void backward(float[] phi, float[] d, float[] dPhi, int rows, int units) {
    int width = units * k;
    for (int n = 0; n < rows; n++) {
      int in = n * width;
      int out = n * units;
      for (int i = 0; i < units; i++) {
        int base = in + i * k;
        int best = 0;
        for (int p = 1; p < k; p++) {
          if (phi[base + p] > phi[base + best]) {
            best = p;
          }
        }
        for (int p = 0; p < k; p++) {
          dPhi[base + p] = p == best ? d[out + i] : 0f;
        }
      }
    }
  }
}
