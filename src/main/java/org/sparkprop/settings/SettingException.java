package org.sparkprop.settings;

/**
 * A setting given a value outside what it allows. The message is always
 * {@code "setting NAME is 'VALUE'; it must be ALLOWED"}; callers read the parts from the
 * accessors, never from the message.
 */
public final class SettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String value;
  private final String allowed;

  /**
   * @param setting the setting's name
   * @param value the refused value, as given
   * @param allowed what the setting allows, e.g. "an integer >= 1"
   */
  public SettingException(String setting, String value, String allowed) {
    super("setting " + setting + " is '" + value + "'; it must be " + allowed);
    this.setting = setting;
    this.value = value;
    this.allowed = allowed;
  }

  /** The setting's name. */
  public String setting() {
    return setting;
  }

  /** The refused value, as given. */
  public String value() {
    return value;
  }

  /** What the setting allows. */
  public String allowed() {
    return allowed;
  }
}
