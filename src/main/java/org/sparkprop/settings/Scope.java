package org.sparkprop.settings;

/** Where a setting is given: in a job's settings, as an Estimator param, or both. */
public enum Scope {
  /** Config file, {@code --set}, {@code spark.sparkprop.*}: the command line's job. */
  JOB,
  /** An Estimator param only (MLlib's names and the Estimator's own inputs). */
  PARAM,
  /** Both, under the same name and meaning. */
  BOTH;

  /** Whether the setting is a job setting. */
  public boolean job() {
    return this != PARAM;
  }

  /** Whether the setting is an Estimator param. */
  public boolean param() {
    return this != JOB;
  }
}
