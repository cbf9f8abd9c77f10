package org.sparkprop.optim;

import java.io.Serializable;
import java.util.List;

/**
 * The raw hyperparameter settings an optimizer is built from by {@link Optimizers#parse}, as a
 * user typed them: {@code NaN} means "use this optimizer's default". No range checks happen here;
 * the optimizer's own record validates the values it uses, and {@link Optimizers#parse} rejects a
 * value given for a setting the chosen optimizer does not use.
 *
 * @param stepSize the learning rate ρ
 * @param momentum the momentum ν ({@code momentum}, {@code nag})
 * @param beta1 β1 ({@code adam}, {@code adamax}, {@code nadam})
 * @param beta2 β2 ({@code adam}, {@code adamax}, {@code nadam})
 * @param epsilon ε ({@code adagrad}, {@code adadelta}, {@code rmsprop}, {@code adam}, {@code nadam})
 * @param decay the decay of the running averages ({@code adadelta}'s γ, {@code rmsprop}'s β)
 */
public record OptimizerSettings(double stepSize, double momentum, double beta1, double beta2,
    double epsilon, double decay) implements Serializable {

  /** The setting names, in the order of the record's components. */
  public static final List<String> NAMES =
      List.of("stepSize", "momentum", "beta1", "beta2", "epsilon", "decay");

  /** Every setting NaN: every optimizer's own defaults. */
  public static final OptimizerSettings DEFAULTS =
      new OptimizerSettings(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** The value of the setting called {@code name} (one of {@link #NAMES}). */
  public double get(String name) {
    return switch (name) {
      case "stepSize" -> stepSize;
      case "momentum" -> momentum;
      case "beta1" -> beta1;
      case "beta2" -> beta2;
      case "epsilon" -> epsilon;
      case "decay" -> decay;
      default -> throw new IllegalArgumentException(
          "unknown optimizer setting '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  /** A copy with the setting called {@code name} (one of {@link #NAMES}) set to {@code value}. */
  public OptimizerSettings with(String name, double value) {
    return switch (name) {
      case "stepSize" -> new OptimizerSettings(value, momentum, beta1, beta2, epsilon, decay);
      case "momentum" -> new OptimizerSettings(stepSize, value, beta1, beta2, epsilon, decay);
      case "beta1" -> new OptimizerSettings(stepSize, momentum, value, beta2, epsilon, decay);
      case "beta2" -> new OptimizerSettings(stepSize, momentum, beta1, value, epsilon, decay);
      case "epsilon" -> new OptimizerSettings(stepSize, momentum, beta1, beta2, value, decay);
      case "decay" -> new OptimizerSettings(stepSize, momentum, beta1, beta2, epsilon, value);
      default -> throw new IllegalArgumentException(
          "unknown optimizer setting '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  public OptimizerSettings withStepSize(double value) {
    return with("stepSize", value);
  }

  public OptimizerSettings withMomentum(double value) {
    return with("momentum", value);
  }

  public OptimizerSettings withBeta1(double value) {
    return with("beta1", value);
  }

  public OptimizerSettings withBeta2(double value) {
    return with("beta2", value);
  }

  public OptimizerSettings withEpsilon(double value) {
    return with("epsilon", value);
  }

  public OptimizerSettings withDecay(double value) {
    return with("decay", value);
  }
}
