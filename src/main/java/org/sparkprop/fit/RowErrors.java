package org.sparkprop.fit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkException;
import org.sparkprop.data.DataFormatException;

/**
 * A row check or a reader that failed on an executor ("Column … has …", or a
 * {@link DataFormatException}), turned back into the IllegalArgumentException it was, so both
 * front doors report bad data as bad input rather than as a failed Spark job.
 */
public final class RowErrors {

  private RowErrors() {}

  private static final Pattern ROW_ERROR =
      Pattern.compile("IllegalArgumentException: (Column [^\\n]*)");

  /**
   * The row check that failed on an executor, as the IllegalArgumentException it was, rather
   * than a SparkException that wraps it in the task failure's story.
   */
  public static RuntimeException unwrap(SparkException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataFormatException bad) {
        return new DataFormatException(bad.getMessage(), e);
      }
      if (t instanceof IllegalArgumentException iae && iae.getMessage() != null
          && iae.getMessage().startsWith("Column ")) {
        return new IllegalArgumentException(iae.getMessage(), e);
      }
    }
    Matcher m = ROW_ERROR.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      return new IllegalArgumentException(m.group(1), e);
    }
    return RowErrors.<RuntimeException>rethrow(e);
  }

  /** Throws {@code e} as it is (Scala callers see Spark's own exception, unchecked). */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException rethrow(Throwable e) throws E {
    throw (E) e;
  }
}
