package org.sparkprop.nn;

/** g_T(z) = (e^z − e^−z)/(e^z + e^−z); g'_T(z) = 1 − g_T(z)² = 1 − s². */
public record Tanh() implements Activation {

  @Override
  public String name() {
    return "tanh";
  }

  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      a[i] = (float) Math.tanh(a[i]);
    }
  }

  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      delta[i] *= 1f - s[i] * s[i];
    }
  }
}
