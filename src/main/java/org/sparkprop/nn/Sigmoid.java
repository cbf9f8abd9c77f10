package org.sparkprop.nn;

/** g_S(z) = 1 / (1 + exp(−z)); g'_S(z) = g_S(z)(1 − g_S(z)) = s(1 − s). */
public record Sigmoid() implements Activation {

  @Override
  public String name() {
    return "sigmoid";
  }

  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      a[i] = (float) (1.0 / (1.0 + Math.exp(-a[i])));
    }
  }

  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      delta[i] *= s[i] * (1f - s[i]);
    }
  }
}
