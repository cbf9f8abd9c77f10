package org.sparkprop.nn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The topology of a multilayer perceptron, apart from its weights: layer sizes M_0 … M_L (M_0
 * inputs, M_L outputs), the activation of the hidden layers, that of the output layer, and the
 * loss it is trained with. Validated once, on construction.
 */
public record NetworkSpec(int[] sizes, Activation hidden, Activation output, Loss loss)
    implements Serializable {

  public NetworkSpec {
    if (sizes == null || sizes.length < 2) {
      throw new IllegalArgumentException(
          "layers needs at least an input and an output size (e.g. 784,128,10), got "
              + Arrays.toString(sizes));
    }
    sizes = sizes.clone();
    for (int k = 0; k < sizes.length; k++) {
      if (sizes[k] < 1) {
        throw new IllegalArgumentException("layers[" + k + "] is " + sizes[k]
            + "; every layer size must be at least 1");
      }
    }
    String clash = loss.incompatibility(output);
    if (clash != null) {
      throw new IllegalArgumentException(clash);
    }
    if (output instanceof Softmax && sizes[sizes.length - 1] < 2) {
      throw new IllegalArgumentException(
          "output=softmax needs at least 2 output units, layers ends with " + sizes[sizes.length - 1]);
    }
  }

  /** Number of weight layers L (the input layer is layer 0). */
  public int depth() {
    return sizes.length - 1;
  }

  /** M_k. */
  public int size(int k) {
    return sizes[k];
  }

  @Override
  public int[] sizes() {
    return sizes.clone();
  }

  /** The activation of layer k, 1 ≤ k ≤ L. */
  public Activation activation(int k) {
    return k == depth() ? output : hidden;
  }

  /**
   * Refuses a network that training would have to backpropagate through a step: the step's
   * derivative is zero wherever it exists, so no weight below it would ever change.
   */
  public NetworkSpec requireTrainable() {
    if (!output.differentiable()) {
      throw new IllegalArgumentException("output=" + output.name()
          + " cannot be trained by backpropagation: its derivative is 0 wherever it is defined;"
          + " use sigmoid, tanh, softmax or linear");
    }
    if (depth() > 1 && !hidden.differentiable()) {
      throw new IllegalArgumentException("activation=" + hidden.name()
          + " cannot be trained by backpropagation: its derivative is 0 wherever it is defined;"
          + " use relu, tanh, sigmoid or fast");
    }
    return this;
  }

  /** True when the outputs are class posteriors (softmax or sigmoid), false for regression. */
  public boolean classifies() {
    return !(output instanceof Linear);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkSpec n && Arrays.equals(sizes, n.sizes) && hidden.equals(n.hidden)
        && output.equals(n.output) && loss.equals(n.loss);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sizes) * 31 + hidden.hashCode() * 7 + output.hashCode() * 3
        + loss.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < sizes.length; k++) {
      b.append(k == 0 ? "" : "-").append(sizes[k]);
    }
    return b + " " + hidden.name() + "/" + output.name() + " " + loss.name();
  }
}
