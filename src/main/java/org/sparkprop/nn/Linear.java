package org.sparkprop.nn;

/** g_L(z) = z, g'_L(z) = 1: the output activation for regression. */
public record Linear() implements Activation {

  @Override
  public String name() {
    return "linear";
  }

  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    // identity
  }

  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    // g' = 1
  }
}
