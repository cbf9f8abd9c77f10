package org.sparkprop.ml;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.sparkprop.settings.SettingException;
import scala.Function1;

/**
 * What the stages check beyond the settings of {@code SettingRegistry} (whose params take their
 * checks from the registry): a serializable form of a Param's {@code isValid}, and the choices
 * of an Estimator's own params (the classifier's {@code output} and {@code loss}).
 */
final class Checks {

  /** A Param validity function that Spark can serialize with the stage. */
  interface Valid<T> extends Function1<T, Object>, Serializable {}

  private Checks() {}

  static <T> Valid<T> anyValue() {
    return v -> true;
  }

  static Valid<String> oneOf(String... allowed) {
    return v -> v != null && Arrays.asList(allowed).contains(v.trim().toLowerCase(Locale.ROOT));
  }

  /** One of {@code allowed}, case-insensitive, returned trimmed and in lower case. */
  static String choice(String name, String value, String... allowed) {
    if (value == null || !Arrays.asList(allowed).contains(value.trim().toLowerCase(Locale.ROOT))) {
      throw new SettingException(name, String.valueOf(value),
          "one of " + String.join(", ", allowed));
    }
    return value.trim().toLowerCase(Locale.ROOT);
  }
}
