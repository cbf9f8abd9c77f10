package org.sparkprop.fit;

/**
 * A row of a DataFrame that the training cannot use (a null, NaN, a wrong size, a bad label),
 * found by the row checks of {@link Columns} on an executor. Spark keeps it as the cause of the
 * job's SparkException; {@link RowErrors} finds it there by type.
 */
public final class BadRowException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String column;

  /** @param column the column with the bad value; {@code message} says what is wrong */
  public BadRowException(String column, String message) {
    super(message);
    this.column = column;
  }

  /** The same error, carrying the Spark failure that brought it to the driver. */
  public BadRowException(String column, String message, Throwable cause) {
    super(message, cause);
    this.column = column;
  }

  /** The column with the bad value. */
  public String column() {
    return column;
  }
}
