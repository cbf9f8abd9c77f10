package org.sparkprop.nn;

/**
 * g_U(z) = max(0, z); g'_U(z) = 1 for z &gt; 0 and 0 for z &lt; 0. The notes leave g'(0)
 * undefined; we take 0 there, as s = 0 carries no information about the side.
 */
public record Relu() implements Activation {

  @Override
  public String name() {
    return "relu";
  }

  @Override
  public boolean rectifier() {
    return true;
  }

  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      if (a[i] < 0f) {
        a[i] = 0f;
      }
    }
  }

  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      if (s[i] <= 0f) {
        delta[i] = 0f;
      }
    }
  }
}
