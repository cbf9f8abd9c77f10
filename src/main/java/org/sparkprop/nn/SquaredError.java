package org.sparkprop.nn;

/**
 * q_n(Θ) = ½ Σ_i (t_ni − s^L_i)²; δ^L_i = (t_ni − s^L_i)·g'(φ^L_i) (docs/equations.md,
 * Backpropagation). Suited to regression and, with sigmoid or softmax outputs, to classification.
 */
public record SquaredError() implements Loss {

  @Override
  public String name() {
    return "squared";
  }

  @Override
  public double value(float[] s, int sOff, float[] t, int tOff, int rows, int cols) {
    double sum = 0;
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      double d = t[tOff + i] - s[sOff + i];
      sum += d * d;
    }
    return 0.5 * sum;
  }

  @Override
  public void outputDelta(Activation output, float[] s, float[] t, int tOff, float[] delta,
      int rows, int cols) {
    int n = rows * cols;
    for (int i = 0; i < n; i++) {
      delta[i] = t[tOff + i] - s[i];
    }
    output.backward(s, delta, 0, rows, cols);
  }
}
