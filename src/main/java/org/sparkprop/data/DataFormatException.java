package org.sparkprop.data;

/**
 * Thrown by every reader in this package when input data cannot be used: a missing file, a bad
 * header, a truncated or corrupt stream, a malformed value.
 *
 * <p>It is an {@link IllegalArgumentException} because bad data is a bad argument to the job, not
 * an I/O failure the program could retry; the command line reports it as a usage error. The
 * message always names the file (or data set) and what is wrong in it; positions in messages
 * (lines, rows, columns) count from 1, as editors and spreadsheets do.
 */
public class DataFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public DataFormatException(String message) {
    super(message);
  }

  public DataFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The data error in {@code failure}'s cause chain, if any: a check that runs in a Spark task
   * reaches the driver wrapped in a {@code SparkException} (possibly more than once).
   */
  public static java.util.Optional<DataFormatException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataFormatException e) {
        return java.util.Optional.of(e);
      }
    }
    return java.util.Optional.empty();
  }
}
