package org.sparkprop.cli;

/**
 * Spark's context stopped under the job, before it ended: most often a standalone master that
 * does not answer (Spark gives up after three attempts of 20 s each), else a master or an
 * application killed from outside. Spark's own log lines above the error say why it stopped; the
 * run's model and summary were not written.
 */
public final class SparkStoppedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The master the context was started for. */
  private final String master;

  /**
   * @param cause what Spark threw at the job when it found its context stopped
   */
  public SparkStoppedException(String master, Throwable cause) {
    super("Spark stopped on master " + master + " before the job ended (is the master running"
        + " and reachable at that address? Spark's log above says why it stopped); no model or"
        + " summary was written", cause);
    this.master = master;
  }

  public String master() {
    return master;
  }
}
