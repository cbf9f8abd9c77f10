package org.sparkprop.fit;

import org.apache.spark.SparkException;
import org.sparkprop.data.DataFormatException;

/**
 * A row check or a reader that failed on an executor (a {@link BadRowException} or a
 * {@link DataFormatException}, which Spark keeps as the cause of its SparkException), turned
 * back into the exception it was, so both front doors report bad data as bad input rather than
 * as a failed Spark job.
 */
public final class RowErrors {

  private RowErrors() {}

  /**
   * The row check that failed on an executor, as the IllegalArgumentException it was, rather
   * than a SparkException that wraps it in the task failure's story.
   */
  public static RuntimeException unwrap(SparkException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataFormatException bad) {
        return new DataFormatException(bad.getMessage(), e);
      }
      if (t instanceof BadRowException bad) {
        return new BadRowException(bad.column(), bad.getMessage(), e);
      }
    }
    return RowErrors.<RuntimeException>rethrow(e);
  }

  /** Throws {@code e} as it is (Scala callers see Spark's own exception, unchecked). */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException rethrow(Throwable e) throws E {
    throw (E) e;
  }
}
