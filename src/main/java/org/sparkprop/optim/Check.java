package org.sparkprop.optim;

import org.sparkprop.settings.SettingException;

/**
 * Validation and printing shared by the optimizer specs: a bad setting is a
 * {@link SettingException} that names the setting, the bad value and the allowed range, e.g.
 * {@code "setting beta1 is '1.0'; it must be a number in [0, 1)"}.
 */
final class Check {

  private Check() {}

  /** A learning rate ρ ({@code stepSize}): finite and > 0. */
  static void stepSize(float rho) {
    positive("stepSize", rho);
  }

  /** A finite number > 0 (ε, c, …), printed as a float. */
  static void positive(String setting, float value) {
    if (!(value > 0) || Float.isInfinite(value)) {
      throw new SettingException(setting, format(value), "a finite number > 0");
    }
  }

  /** A finite number > 0 (ε, c, …). */
  static void positive(String setting, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new SettingException(setting, format(value), "a finite number > 0");
    }
  }

  /** A finite number >= 0 (λ, …), printed as a float. */
  static void nonNegative(String setting, float value) {
    if (!(value >= 0) || Float.isInfinite(value)) {
      throw new SettingException(setting, format(value), "a finite number >= 0");
    }
  }

  /** A finite number >= 0 (λ, …). */
  static void nonNegative(String setting, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new SettingException(setting, format(value), "a finite number >= 0");
    }
  }

  /** A decay rate or momentum: in [0, 1), printed as a float. */
  static void unitInterval(String setting, float value) {
    if (!(value >= 0 && value < 1)) {
      throw new SettingException(setting, format(value), "a number in [0, 1)");
    }
  }

  /** A decay rate or momentum: in [0, 1). */
  static void unitInterval(String setting, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new SettingException(setting, format(value), "a number in [0, 1)");
    }
  }

  /** An integer >= min. */
  static void atLeast(String setting, long value, long min) {
    if (value < min) {
      throw new SettingException(setting, Long.toString(value), "an integer >= " + min);
    }
  }

  /** The per-step learning-rate multiplier of {@link Optimizer#update(float[], float[], OptimizerState, float)}. */
  static void rateScale(float scale) {
    if (!(scale >= 0) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException(
          "rateScale is " + format(scale) + "; it must be a finite number >= 0");
    }
  }

  /** A count of entries (not a setting): >= 0. */
  static void count(String what, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " is " + value + "; it must be >= 0");
    }
  }

  /** Θ, ∇q and the state must all have the same length. */
  static void sizes(float[] theta, float[] gradient, int stateSize) {
    if (theta.length != gradient.length || theta.length != stateSize) {
      throw new IllegalArgumentException("theta has " + theta.length + " entries, the gradient "
          + gradient.length + " and the optimizer state " + stateSize + "; they must be equal");
    }
  }

  /** The state handed to {@code update} must be the one {@code init} of the same optimizer made. */
  static <S extends OptimizerState> S state(Class<S> type, OptimizerState state, Object optimizer) {
    if (!type.isInstance(state)) {
      throw new IllegalArgumentException(optimizer.getClass().getSimpleName()
          + " needs the state its init() makes (" + type.getName() + "), got "
          + (state == null ? "null" : state.getClass().getName()));
    }
    return type.cast(state);
  }

  /** Shortest text that reads back as the same float, with {@code 1e-8} instead of {@code 1.0E-8}. */
  static String format(float value) {
    return shorten(Float.toString(value));
  }

  /** As {@link #format(float)}, for doubles. */
  static String format(double value) {
    return shorten(Double.toString(value));
  }

  private static String shorten(String text) {
    int e = text.indexOf('E');
    if (e < 0) {
      return text;
    }
    String mantissa = text.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return mantissa + "e" + text.substring(e + 1);
  }
}
