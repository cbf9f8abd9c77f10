package org.sparkprop.nn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The topology of a network, apart from its weights: layer sizes M_0 … M_L (M_0 inputs, M_L
 * outputs), the activation of the hidden layers, that of the output layer, the loss it is trained
 * with, and what it has beyond stacked layers (skip and residual connections, drop-out,
 * normalization, input standardization: {@link Architecture}). Validated once, on construction.
 */
public record NetworkSpec(int[] sizes, Activation hidden, Activation output, Loss loss,
    Architecture architecture) implements Serializable {

  /** A plain multilayer perceptron: layer k reads layer k − 1, nothing else. */
  public NetworkSpec(int[] sizes, Activation hidden, Activation output, Loss loss) {
    this(sizes, hidden, output, loss, Architecture.plain(sizes == null ? -1 : sizes.length - 1));
  }

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
    if (!output.inPlace()) {
      throw new IllegalArgumentException("output=" + output.name() + " is not allowed: "
          + output.name() + " is a hidden-layer activation; use softmax, sigmoid, linear, ...");
    }
    if (architecture == null) {
      architecture = Architecture.plain(sizes.length - 1);
    }
    if (architecture.depth() != sizes.length - 1) {
      throw new IllegalArgumentException("the architecture describes " + architecture.depth()
          + " weight layers but layers has " + (sizes.length - 1));
    }
    architecture.topology().validate(sizes);
    int depth = sizes.length - 1;
    if (architecture.topology().residual(depth).length > 0 && !(output instanceof Linear)) {
      throw new IllegalArgumentException("residual " + architecture.topology().residual(depth)[0]
          + "-" + depth + " adds to the output layer, which only makes sense with output=linear"
          + " (got output=" + output.name() + "); end the block at a hidden layer");
    }
    for (int k = 1; k < depth; k++) {
      if (architecture.normalization(k) == Normalization.LAYER && sizes[k] < 2) {
        throw new IllegalArgumentException("layerNorm on layer " + k + " with a single unit"
            + " would output a constant; it needs at least 2 units");
      }
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

  /** Pre-activations of layer k: M_k times the activation's pieces (k for maxout). */
  public int units(int k) {
    return sizes[k] * activation(k).pieces();
  }

  /** The layers that layer k reads, ascending (k − 1 alone in a perceptron). */
  public int[] inputs(int k) {
    return architecture.topology().inputs(k);
  }

  /** The layers whose outputs are added to layer k's (residual connections). */
  public int[] residual(int k) {
    return architecture.topology().residual(k);
  }

  /** The drop-out rate of layer k's output in training. */
  public float dropout(int k) {
    return architecture.dropout(k);
  }

  /** The normalization of layer k's output. */
  public Normalization normalization(int k) {
    return architecture.normalization(k);
  }

  /** Whether the inputs are standardized inside the model. */
  public boolean standardize() {
    return architecture.standardize();
  }

  /** True for a plain multilayer perceptron (no skip, residual, drop-out or normalization). */
  public boolean isPlain() {
    return architecture.isPlain();
  }

  /** The same network with another architecture. */
  public NetworkSpec with(Architecture a) {
    return new NetworkSpec(sizes, hidden, output, loss, a);
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
          + " use relu, tanh, sigmoid or softsign");
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
        && output.equals(n.output) && loss.equals(n.loss) && architecture.equals(n.architecture);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sizes) * 31 + hidden.hashCode() * 7 + output.hashCode() * 3
        + loss.hashCode() + (architecture.isPlain() ? 0 : architecture.hashCode() * 11);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < sizes.length; k++) {
      b.append(k == 0 ? "" : "-").append(sizes[k]);
    }
    String extra = architecture.toString();
    return b + " " + hidden.name() + "/" + output.name() + " " + loss.name()
        + (extra.isEmpty() ? "" : " [" + extra + "]");
  }
}
