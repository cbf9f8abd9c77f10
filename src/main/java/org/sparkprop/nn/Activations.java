package org.sparkprop.nn;

import java.util.List;

/**
 * Looks up activations by the names used in settings. The parametric ones take their parameter
 * after a colon: {@code leaky_relu:0.1} (slope α), {@code elu:0.5} (α), {@code prelu:0.25}
 * (initial α), {@code maxout:3} (pieces k); without it they take the papers' defaults.
 */
public final class Activations {

  /**
   * Every activation, with default parameters: the classic ones (linear … softmax),
   * then the rectifier family and maxout (LeakyReLU, PReLU, ELU, Maxout).
   */
  public static final List<Activation> ALL = List.of(
      new Linear(), new Relu(), new Step(), new Sigmoid(), new Tanh(), new Softsign(),
      new Softmax(), new LeakyRelu(), new PRelu(), new Elu(), new Maxout());

  /** Softsign's name in earlier versions, still read (model files written by them say it). */
  private static final String OLD_SOFTSIGN = "fast";

  private Activations() {}

  /**
   * The activation called {@code name} (case-insensitive; "fast" is softsign); an error lists
   * the known names.
   */
  public static Activation parse(String name) {
    String trimmed = name.trim();
    int colon = trimmed.indexOf(':');
    String base = (colon < 0 ? trimmed : trimmed.substring(0, colon)).trim().toLowerCase();
    if (base.equals(OLD_SOFTSIGN)) {
      base = new Softsign().name();
    }
    String parameter = colon < 0 ? null : trimmed.substring(colon + 1).trim();
    switch (base) {
      case "leaky_relu", "leakyrelu" -> {
        return parameter == null ? new LeakyRelu() : new LeakyRelu(number(name, parameter));
      }
      case "elu" -> {
        return parameter == null ? new Elu() : new Elu(number(name, parameter));
      }
      case "prelu" -> {
        return parameter == null ? new PRelu() : new PRelu(number(name, parameter));
      }
      case "maxout" -> {
        if (parameter == null) {
          return new Maxout();
        }
        try {
          return new Maxout(Integer.parseInt(parameter));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("activation '" + name
              + "': the number of maxout pieces must be an integer, e.g. maxout:3");
        }
      }
      default -> {
        // the parameterless ones
      }
    }
    for (Activation a : ALL) {
      if (a.name().equals(base) && a.pieces() == 1 && a.parametersPerUnit() == 0) {
        if (parameter != null) {
          throw new IllegalArgumentException("activation '" + name + "': " + base
              + " takes no parameter");
        }
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + name + "'; known: " + names()
        + " (leaky_relu:α, elu:α, prelu:α0 and maxout:k take a parameter)");
  }

  private static float number(String name, String parameter) {
    try {
      return Float.parseFloat(parameter);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("activation '" + name + "': parameter '" + parameter
          + "' is not a number");
    }
  }

  /** The known names, comma-separated. */
  public static String names() {
    return String.join(", ", ALL.stream().map(Activation::name).toList());
  }
}
