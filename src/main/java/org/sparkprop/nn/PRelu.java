package org.sparkprop.nn;

/**
 * Parametric rectifier (He, Zhang, Ren &amp; Sun 2015, "Delving deep into rectifiers"),
 * f(z) = max(αz, z): s_i = φ_i for φ_i &gt; 0 and α_i·φ_i otherwise, with one learnable
 * α_i per unit of the layer. The α_i live in Θ after the layer's weights
 * ({@link ThetaLayout#alphaOffset}); they start at {@code initialAlpha} (the paper's 0.25) and are
 * trained like any weight:
 * <pre>
 *   ∂s_i/∂φ_i = 1 (φ_i &gt; 0), α_i (φ_i ≤ 0)        ∂s_i/∂α_i = min(φ_i, 0)     (paper eq. 4)
 * </pre>
 * Since α_i may become negative during training, the side of the kink cannot be read from s:
 * the network keeps φ for this layer, and applies it through {@link #forward(float[], float[], int,
 * int, float[], int)} and {@link #backward(float[], float[], int, int, float[], int, float[])}
 * rather than the in-place interface. Setting value {@code prelu} or {@code prelu:α0}.
 */
public record PRelu(float initialAlpha) implements Activation {

  /** The paper's initial α. */
  public static final float DEFAULT_ALPHA = 0.25f;

  public PRelu {
    if (!Float.isFinite(initialAlpha)) {
      throw new IllegalArgumentException("prelu initial α is " + initialAlpha
          + "; it must be a finite number (e.g. prelu:0.25)");
    }
  }

  public PRelu() {
    this(DEFAULT_ALPHA);
  }

  @Override
  public String name() {
    return initialAlpha == DEFAULT_ALPHA ? "prelu" : "prelu:" + initialAlpha;
  }

  @Override
  public boolean inPlace() {
    return false;
  }

  @Override
  public int parametersPerUnit() {
    return 1;
  }

  @Override
  public boolean rectifier() {
    return true;
  }

  /** Not in place: PReLU needs its α_i from Θ (see the class comment). */
  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    throw new UnsupportedOperationException("prelu takes its α from Θ: use the layer kernel");
  }

  /** Not in place: PReLU needs φ (see the class comment). */
  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    throw new UnsupportedOperationException("prelu needs φ: use the layer kernel");
  }

  /** s[n][i] = φ[n][i] if positive, else α_i·φ[n][i]; α_i = theta[alphaOff + i]. */
  public void forward(float[] phi, float[] s, int rows, int units, float[] theta, int alphaOff) {
    for (int n = 0; n < rows; n++) {
      int row = n * units;
      for (int i = 0; i < units; i++) {
        float z = phi[row + i];
        s[row + i] = z > 0f ? z : theta[alphaOff + i] * z;
      }
    }
  }

  /**
   * In place on d: on entry −∂q/∂s, on return −∂q/∂φ = d·(1 or α_i); adds
   * ∂q/∂α_i = −Σ_n d_ni·min(φ_ni, 0) into grad[alphaOff + i].
   */
  public void backward(float[] phi, float[] d, int rows, int units, float[] theta, int alphaOff,
      float[] grad) {
    for (int n = 0; n < rows; n++) {
      int row = n * units;
      for (int i = 0; i < units; i++) {
        float z = phi[row + i];
        if (z <= 0f) {
          float e = d[row + i];
          grad[alphaOff + i] -= e * z;
          d[row + i] = theta[alphaOff + i] * e;
        }
      }
    }
  }
}
