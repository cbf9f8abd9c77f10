package org.sparkprop.spark;

/**
 * A checkpoint whose files do not hold what they declare: a checksum that does not match, a
 * length beyond the file's end, a truncated or unparsable file. Resuming skips it for an older
 * checkpoint.
 */
public class CorruptCheckpointException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String where;

  /** {@code where}: the file or directory; {@code reason}: what is wrong with it. */
  public CorruptCheckpointException(String where, String reason) {
    super("corrupt checkpoint " + where + ": " + reason);
    this.where = where;
  }

  /** The corrupt file or directory. */
  public String where() {
    return where;
  }
}
