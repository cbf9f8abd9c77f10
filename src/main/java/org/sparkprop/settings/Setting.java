package org.sparkprop.settings;

import java.util.Objects;

/**
 * One setting, declared once: its single name (in config files, {@code --set name=value},
 * {@code --conf spark.sparkprop.<name>} and as an Estimator param), its type, default, allowed
 * values, one line of documentation, and where it is given.
 *
 * @param name the name
 * @param type the type of its value
 * @param defaultValue the default as text (the job's; also the param's unless
 *     {@code paramDefault} says otherwise)
 * @param allowed what it allows beyond its type
 * @param doc one line of documentation
 * @param scope job setting, Estimator param, or both
 * @param paramDefault the Estimator param's default when it differs (MLlib's default for a name
 *     MLlib shares), {@link #UNSET} for a param without default, null when it is
 *     {@code defaultValue}
 */
public record Setting(String name, SettingType type, String defaultValue, Allowed allowed,
    String doc, Scope scope, String paramDefault) {

  /** The {@code paramDefault} of a param that has no default (unset means "auto" or "none"). */
  public static final String UNSET = "<unset>";

  /** The {@code paramDefault} of MLlib's seed: the hash of the Estimator's class name. */
  public static final String CLASS_HASH = "<class name hash>";

  public Setting {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(allowed, "allowed");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(scope, "scope");
  }

  /** A setting whose param (if any) has the job's default. */
  public Setting(String name, SettingType type, String defaultValue, Allowed allowed, String doc,
      Scope scope) {
    this(name, type, defaultValue, allowed, doc, scope, null);
  }

  /**
   * The name of the Estimator param (and of its accessor, getter and setter): the setting's name
   * with each dot dropped and the letter after it capitalized ({@code distill.alpha} is the param
   * {@code distillAlpha}), since a Java method name has no dots.
   */
  public String paramName() {
    StringBuilder b = new StringBuilder(name.length());
    boolean up = false;
    for (char c : name.toCharArray()) {
      if (c == '.') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  /** The Estimator param's default as text, or {@link #UNSET}. */
  public String effectiveParamDefault() {
    return paramDefault == null ? defaultValue : paramDefault;
  }

  /** Whether the Estimator param has a default. */
  public boolean paramHasDefault() {
    return !UNSET.equals(effectiveParamDefault());
  }

  /**
   * The typed value of {@code text}, checked against {@link #allowed}; {@code auto} of a
   * {@link SettingType#DOUBLE_OR_AUTO} setting is NaN and always allowed.
   *
   * @throws SettingException naming this setting, the text and what is allowed
   */
  public Object parse(String text) {
    Object value;
    try {
      value = type.parse(name, text);
    } catch (SettingException e) {
      throw new SettingException(name, String.valueOf(text), expected());
    }
    if (!isAuto(value) && !allowed.test(value)) {
      String reason = allowed.reason(value);
      throw new SettingException(name, String.valueOf(text),
          expected() + (reason == null ? "" : " (" + reason + ")"));
    }
    return value;
  }

  /** Checks a typed value (from a param setter) and returns it. */
  public <T> T check(T value) {
    if (value == null || !isAuto(value) && !allowed.test(value)) {
      throw new SettingException(name, value == null ? "null" : type.format(value), expected());
    }
    return value;
  }

  /** Whether a typed value is allowed (a param's {@code isValid}). */
  public boolean valid(Object value) {
    try {
      return value != null && (isAuto(value) || allowed.test(value));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The completion of "it must be …" for this setting. */
  public String expected() {
    return type == SettingType.DOUBLE_OR_AUTO ? allowed.description() + ", or auto"
        : allowed.description();
  }

  private boolean isAuto(Object value) {
    return type == SettingType.DOUBLE_OR_AUTO && value instanceof Double d && d.isNaN();
  }
}
