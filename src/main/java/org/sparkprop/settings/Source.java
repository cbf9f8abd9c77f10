package org.sparkprop.settings;

/** Which way a setting's effective value came in, from the weakest to the strongest. */
public enum Source {
  /** The registry's default. */
  DEFAULT,
  /** A config file. */
  CONFIG_FILE,
  /** A Spark property {@code spark.sparkprop.<name>} (spark-submit --conf). */
  SPARK_CONF,
  /** A {@code --set name=value} override. */
  SET,
  /** An Estimator param. */
  ESTIMATOR
}
