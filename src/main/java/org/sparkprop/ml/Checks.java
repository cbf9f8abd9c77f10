package org.sparkprop.ml;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import scala.Function1;

/**
 * Validation of param values, in the words of the command line's settings errors ("setting
 * batchSize is '0'; it must be an integer >= 1"). Each rule is used twice: by the setter, which
 * throws that message, and as the Param's {@code isValid}, which Spark applies to values that
 * arrive through a {@code ParamMap} (grids, {@code copy}, loading).
 */
final class Checks {

  /** A Param validity function that Spark can serialize with the stage. */
  interface Valid<T> extends Function1<T, Object>, Serializable {}

  private Checks() {}

  static String bad(String name, Object value, String allowed) {
    return "setting " + name + " is '" + show(value) + "'; it must be " + allowed;
  }

  static String show(Object value) {
    if (value instanceof int[] a) {
      return Arrays.toString(a);
    }
    if (value instanceof double[] a) {
      return Arrays.toString(a);
    }
    return String.valueOf(value);
  }

  // ---- predicates (also the params' isValid) --------------------------------------------

  static Valid<Object> intAtLeast(int min) {
    return v -> ((Integer) v) >= min;
  }

  static Valid<Object> finiteAtLeast(double min) {
    return v -> Double.isFinite((Double) v) && (Double) v >= min;
  }

  static Valid<Object> finitePositive() {
    return v -> Double.isFinite((Double) v) && (Double) v > 0;
  }

  static Valid<Object> fraction() {
    return v -> (Double) v >= 0 && (Double) v < 1;
  }

  /** (0, 1]. */
  static Valid<Object> halfOpenUnit() {
    return v -> (Double) v > 0 && (Double) v <= 1;
  }

  static Valid<Object> finite() {
    return v -> Double.isFinite((Double) v);
  }

  static Valid<String> notNull() {
    return v -> v != null;
  }

  static <T> Valid<T> anyValue() {
    return v -> true;
  }

  static Valid<String> parses(Consumer<String> parser) {
    return v -> {
      if (v == null) {
        return false;
      }
      try {
        parser.accept(v);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    };
  }

  static Valid<String> oneOf(String... allowed) {
    return v -> v != null && Arrays.asList(allowed).contains(v.trim().toLowerCase(Locale.ROOT));
  }

  static Valid<int[]> layers() {
    return v -> layersProblem(v) == null;
  }

  // ---- setter checks with messages ---------------------------------------------------------

  static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(bad(name, value, "an integer >= " + min));
    }
    return value;
  }

  static double nonNegative(String name, double value) {
    if (!(Double.isFinite(value) && value >= 0)) {
      throw new IllegalArgumentException(bad(name, value, "a finite number >= 0"));
    }
    return value;
  }

  static double positive(String name, double value) {
    if (!(Double.isFinite(value) && value > 0)) {
      throw new IllegalArgumentException(bad(name, value, "a finite number > 0"));
    }
    return value;
  }

  static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(bad(name, value, "a finite number"));
    }
    return value;
  }

  static double fraction(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(bad(name, value, "a number in [0, 1)"));
    }
    return value;
  }

  static String choice(String name, String value, String... allowed) {
    if (value == null || !Arrays.asList(allowed).contains(value.trim().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(bad(name, value, "one of " + String.join(", ", allowed)));
    }
    return value.trim().toLowerCase(Locale.ROOT);
  }

  /** Checks a name with the core's own parser, whose message lists the known names. */
  static String parsed(String name, String value, Consumer<String> parser) {
    if (value == null) {
      throw new IllegalArgumentException("setting " + name + " must not be null");
    }
    try {
      parser.accept(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + name + ": " + e.getMessage());
    }
    return value.trim();
  }

  static int[] layers(String name, int[] sizes) {
    String problem = layersProblem(sizes);
    if (problem != null) {
      throw new IllegalArgumentException("setting " + name + " is '" + show(sizes) + "': " + problem);
    }
    return sizes.clone();
  }

  private static String layersProblem(int[] sizes) {
    if (sizes == null || sizes.length < 2) {
      return "it needs at least an input and an output size, e.g. [784, 128, 10]";
    }
    for (int k = 0; k < sizes.length; k++) {
      if (sizes[k] < 1) {
        return "layers[" + k + "] is " + sizes[k] + "; every layer size must be at least 1";
      }
    }
    return null;
  }
}
