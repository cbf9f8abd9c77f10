package org.sparkprop.settings;

import java.util.Arrays;
import java.util.Locale;

/**
 * The type of a setting's value and how its text reads: the same text in a config file, a
 * {@code --set} override and a {@code spark.sparkprop.*} property.
 */
public enum SettingType {
  /** A 32-bit integer. */
  INT("an integer"),
  /** A 64-bit integer. */
  LONG("an integer"),
  /** A finite number. */
  DOUBLE("a finite number"),
  /** A finite number, or {@code auto} (read as NaN: the consumer's own default). */
  DOUBLE_OR_AUTO("a finite number, or auto"),
  /** true/false (also yes/no, 1/0). */
  BOOLEAN("true or false"),
  /** Free text, checked by the setting's {@link Allowed}. */
  TEXT("a text"),
  /** A comma list of integers such as {@code 784,128,10}. */
  INT_LIST("a comma list of integers such as 784,128,10");

  private final String expected;

  SettingType(String expected) {
    this.expected = expected;
  }

  /** What text of this type looks like, for messages. */
  public String expected() {
    return expected;
  }

  /**
   * The typed value of {@code text}: Integer, Long, Double, Boolean, String or int[].
   *
   * @throws SettingException naming {@code setting} when the text is not of this type
   */
  public Object parse(String setting, String text) {
    String t = text == null ? "" : text.trim();
    try {
      return switch (this) {
        case INT -> Integer.parseInt(t);
        case LONG -> Long.parseLong(t);
        case DOUBLE -> finite(Double.parseDouble(t));
        case DOUBLE_OR_AUTO -> t.equalsIgnoreCase("auto") ? Double.NaN
            : finite(Double.parseDouble(t));
        case BOOLEAN -> bool(t);
        case TEXT -> t;
        case INT_LIST -> Arrays.stream(t.split(",", -1)).mapToInt(p -> Integer.parseInt(p.trim()))
            .toArray();
      };
    } catch (IllegalArgumentException e) {
      throw new SettingException(setting, String.valueOf(text), expected);
    }
  }

  /** The text of a typed value, as {@link #parse} reads it back. */
  public String format(Object value) {
    if (value instanceof int[] a) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < a.length; i++) {
        b.append(i == 0 ? "" : ",").append(a[i]);
      }
      return b.toString();
    }
    if (value instanceof Double d && d.isNaN() && this == DOUBLE_OR_AUTO) {
      return "auto";
    }
    return String.valueOf(value);
  }

  private static double finite(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("not finite");
    }
    return d;
  }

  private static boolean bool(String t) {
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }
}
