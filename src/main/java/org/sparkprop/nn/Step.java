package org.sparkprop.nn;

/**
 * g_E(z) = sgn(z): +1 for z &gt; 0, −1 for z &lt; 0 (0 at z = 0, where it is otherwise left
 * undefined). Its derivative is 0 wherever it exists, so no error flows back through it: a network
 * that would have to backpropagate through a step is refused by {@link NetworkSpec#requireTrainable()}.
 * It still runs forward, e.g. for a hand-set perceptron.
 */
public record Step() implements Activation {

  @Override
  public String name() {
    return "step";
  }

  @Override
  public void forward(float[] a, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      a[i] = Math.signum(a[i]);
    }
  }

  @Override
  public void backward(float[] s, float[] delta, int off, int rows, int cols) {
    throw new IllegalStateException("the step activation has no useful derivative");
  }

  @Override
  public boolean differentiable() {
    return false;
  }
}
