package org.sparkprop.spark;

/**
 * Another fit holds the lease of the checkpoint directory this fit would use: two fits with the
 * same settings and the same checkpointDir are running at once. Nothing was written. An
 * {@link IllegalArgumentException}, as the command line reports it as a usage error: the cure is
 * other settings, another checkpointDir, or waiting for the other fit.
 */
public class CheckpointInUseException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String directory;

  public CheckpointInUseException(String directory, String message) {
    super(message);
    this.directory = directory;
  }

  /** The checkpoint directory in use, as a URI string. */
  public String directory() {
    return directory;
  }
}
