package org.sparkprop.spark;

/**
 * A file of a format version this sparkprop cannot read: written by a newer one, or older than
 * the oldest version still read. Never skipped silently.
 */
public class UnsupportedFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String where;
  private final String what;
  private final int found;
  private final int supported;

  /**
   * @param where the file or directory
   * @param what what it should be ("sparkprop checkpoint", "sparkprop model")
   * @param found its format version
   * @param supported the newest version this sparkprop reads
   */
  public UnsupportedFormatException(String where, String what, int found, int supported) {
    super(where + " is a " + what + " of format version " + found + ", but this sparkprop reads"
        + " versions up to " + supported
        + (found > supported ? ": it was written by a newer sparkprop; use that one" : ""));
    this.where = where;
    this.what = what;
    this.found = found;
    this.supported = supported;
  }

  public String where() {
    return where;
  }

  public String what() {
    return what;
  }

  public int found() {
    return found;
  }

  public int supported() {
    return supported;
  }
}
