package org.sparkprop.nn;

import java.io.Serializable;

/**
 * An activation function g applied to a block of pre-activations φ (rows × cols, row-major),
 * with its local backward step beside it.
 *
 * <p>Every derivative in docs/equations.md can be written from the output s = g(φ) alone (e.g. the
 * sigmoid's g' = s(1 − s)), so a layer keeps only s and overwrites φ in place: half the memory
 * of keeping both, and no second pass.
 */
public sealed interface Activation extends Serializable
    permits Linear, Relu, Step, Sigmoid, Tanh, Softsign, Softmax, LeakyRelu, PRelu, Elu, Maxout {

  /** The setting value that names this activation, e.g. {@code "relu"}. */
  String name();

  /** In place: a[off .. off + rows·cols) holds φ on entry and s = g(φ) on return. */
  void forward(float[] a, int off, int rows, int cols);

  /**
   * In place: multiplies the backpropagated error δ (rows × cols at off) by g'(φ), computed from
   * the outputs s at the same positions. For softmax this is the product with its Jacobian.
   */
  void backward(float[] s, float[] delta, int off, int rows, int cols);

  /** False for activations whose derivative carries no gradient (the step function). */
  default boolean differentiable() {
    return true;
  }

  /**
   * True when {@link #forward} and {@link #backward} above apply the function in place, with g'
   * computed from the output alone. False for {@link PRelu} (its α_i live in Θ and its backward
   * needs φ) and {@link Maxout} (k pre-activations per unit), which {@link Network} applies
   * through their own kernels; they may only be hidden activations.
   */
  default boolean inPlace() {
    return true;
  }

  /** Pre-activations per unit: k for {@link Maxout} (s_i = max of k linear pieces), else 1. */
  default int pieces() {
    return 1;
  }

  /** Learnable parameters per unit kept in Θ: 1 for {@link PRelu} (α_i), else 0. */
  default int parametersPerUnit() {
    return 0;
  }

  /** True for the rectifier family (ReLU, LeakyReLU, PReLU, ELU), which He init suits. */
  default boolean rectifier() {
    return false;
  }
}
