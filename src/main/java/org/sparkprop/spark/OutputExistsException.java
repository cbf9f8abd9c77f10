package org.sparkprop.spark;

import org.apache.hadoop.fs.Path;

/**
 * An output (a model, a summary, a JSON report) is already where a new one would go: sparkprop
 * never overwrites one. An {@link IllegalArgumentException}, as the command line reports it as a
 * usage error: the cure is another output path.
 */
public class OutputExistsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String path;

  public OutputExistsException(Path path, String what) {
    super(path + " already exists; " + what + " is never overwritten");
    this.path = path.toString();
  }

  /** The output that exists, as a URI string. */
  public String path() {
    return path;
  }
}
