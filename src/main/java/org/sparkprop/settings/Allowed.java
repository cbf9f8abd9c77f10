package org.sparkprop.settings;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What a setting allows, beyond its type: a rule over the typed value and its description, which
 * completes the message "setting X is 'V'; it must be …".
 *
 * @param description the allowed values in words, e.g. "an integer >= 1"
 * @param rule the test of a typed value (Integer, Long, Double, Boolean, String, int[])
 * @param choices the allowed texts of a choice (lower case), empty for other rules
 */
public record Allowed(String description, Rule rule, List<String> choices)
    implements Serializable {

  /** A serializable test of a typed value. */
  @FunctionalInterface
  public interface Rule extends Serializable {
    /** Whether {@code value} is allowed. */
    boolean test(Object value);

    /** Why {@code value} is not allowed, in the checker's words, or null. */
    default String reason(Object value) {
      return null;
    }
  }

  /** A rule that runs a parser and keeps its message. */
  private record ParserRule(Parser parser) implements Rule {
    @Override
    public boolean test(Object value) {
      return reason(value) == null;
    }

    @Override
    public String reason(Object value) {
      try {
        parser.accept(String.valueOf(value));
        return null;
      } catch (IllegalArgumentException e) {
        return String.valueOf(e.getMessage());
      }
    }
  }

  public Allowed {
    if (description == null || description.isBlank() || rule == null || choices == null) {
      throw new IllegalArgumentException("an Allowed needs a description and a rule");
    }
    choices = List.copyOf(choices);
  }

  /** Whether {@code value} is allowed. */
  public boolean test(Object value) {
    return rule.test(value);
  }

  /** The rule's own explanation of why {@code value} is not allowed, or null. */
  public String reason(Object value) {
    return rule.reason(value);
  }

  /** Any value of the type. */
  public static Allowed any(String description) {
    return new Allowed(description, v -> true, List.of());
  }

  /** An integer (int or long) >= {@code min}. */
  public static Allowed atLeast(long min) {
    return new Allowed("an integer >= " + min, v -> ((Number) v).longValue() >= min, List.of());
  }

  /** A finite number >= {@code min}. */
  public static Allowed atLeast(double min) {
    return new Allowed("a finite number >= " + number(min),
        v -> Double.isFinite((Double) v) && (Double) v >= min, List.of());
  }

  /** A finite number > {@code min}. */
  public static Allowed greaterThan(double min) {
    return new Allowed("a finite number > " + number(min),
        v -> Double.isFinite((Double) v) && (Double) v > min, List.of());
  }

  /** A number in an interval; {@code lowClosed}, {@code highClosed} say whether ends belong. */
  public static Allowed range(double low, boolean lowClosed, double high, boolean highClosed) {
    String text = "a number in " + (lowClosed ? "[" : "(") + number(low) + ", " + number(high)
        + (highClosed ? "]" : ")");
    return new Allowed(text, v -> {
      double d = (Double) v;
      return (lowClosed ? d >= low : d > low) && (highClosed ? d <= high : d < high);
    }, List.of());
  }

  /** One of the given texts, case-insensitive. */
  public static Allowed oneOf(String... choices) {
    List<String> list = List.of(choices);
    return new Allowed("one of " + String.join(", ", list),
        v -> list.contains(String.valueOf(v).trim().toLowerCase(Locale.ROOT)), list);
  }

  /** A text that is not empty. */
  public static Allowed nonEmpty() {
    return new Allowed("a non-empty text", v -> !String.valueOf(v).isBlank(), List.of());
  }

  /** A custom rule with its description. */
  public static Allowed check(String description, Rule rule) {
    return new Allowed(description, rule, List.of());
  }

  /** A serializable parser. */
  @FunctionalInterface
  public interface Parser extends Consumer<String>, Serializable {}

  /** A text that {@code parser} accepts (it throws IllegalArgumentException otherwise). */
  public static Allowed parsedBy(String description, Parser parser) {
    return new Allowed(description, new ParserRule(parser), List.of());
  }

  /** {@code 1e-5} rather than {@code 1.0E-5}, {@code 0} rather than {@code 0.0}. */
  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e9) {
      return Long.toString((long) d);
    }
    String text = Double.toString(d);
    int e = text.indexOf('E');
    if (e < 0) {
      return text;
    }
    String mantissa = text.substring(0, e);
    return (mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa)
        + "e" + text.substring(e + 1);
  }
}
