package org.sparkprop.nn;

/**
 * A network or a job asks for something that needs its inputs dense while they are held sparse:
 * {@link #setting()} is the setting that asks for it, {@link #value()} its value.
 */
public final class SparseInputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String value;

  public SparseInputException(String setting, String value, String why) {
    super("setting " + setting + " is " + value + ", which needs dense inputs, but the inputs are"
        + " sparse (data.sparse): " + why + ", or set data.sparse=false");
    this.setting = setting;
    this.value = value;
  }

  /** The setting that needs dense inputs. */
  public String setting() {
    return setting;
  }

  /** Its value. */
  public String value() {
    return value;
  }
}
