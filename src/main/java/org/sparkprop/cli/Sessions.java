package org.sparkprop.cli;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.spark.SessionDefaults;

/**
 * Runs work on the session already running in this JVM (left running), or on one started for it
 * with {@code master} unless spark-submit set one (stopped afterwards). A session started here
 * gets sparkprop's broadcast settings ({@link SessionDefaults}) where the user set none.
 */
final class Sessions {

  /** Work that needs a session. */
  interface Work<T> {
    T run(SparkSession spark) throws IOException;
  }

  private Sessions() {}

  static <T> T run(String master, Work<T> work) throws IOException {
    if (SparkSession.getDefaultSession().isDefined()) {
      return work.run(SparkSession.getDefaultSession().get());
    }
    SparkConf conf = new SparkConf().setAppName("sparkprop");
    if (!conf.contains("spark.master")) {
      conf.setMaster(master);
    }
    SessionDefaults.applyTo(conf);
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      return work.run(spark);
    } finally {
      spark.stop();
    }
  }

  /**
   * The Hadoop configuration for checks made before any Spark work (does an output exist, is a
   * model there): the running session's, else Hadoop's defaults with the {@code spark.hadoop.*}
   * properties that spark-submit passes, as the session will have them.
   */
  static Configuration hadoopConfiguration() {
    if (SparkSession.getDefaultSession().isDefined()) {
      return SparkSession.getDefaultSession().get().sparkContext().hadoopConfiguration();
    }
    Configuration hadoop = new Configuration();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("spark.hadoop.")) {
        hadoop.set(key.substring("spark.hadoop.".length()), System.getProperty(key));
      }
    }
    return hadoop;
  }
}
