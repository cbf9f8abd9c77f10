package org.sparkprop.nn;

/**
 * Softsign: g_F(z) = z / (1 + |z|); g'_F(z) = 1 / (1 + |z|)².
 * Since 1 − |s| = 1 / (1 + |z|), the derivative is (1 − |s|)², computed from the output.
 * Named "softsign"; "fast", the name earlier versions used (and wrote into model files), is
 * read as the same activation ({@link Activations#parse}).
 */
public record Softsign() implements Activation {

  @Override
  public String name() {
    return "softsign";
  }

  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      a[i] = a[i] / (1f + Math.abs(a[i]));
    }
  }

  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      float u = 1f - Math.abs(s[i]);
      delta[i] *= u * u;
    }
  }
}
