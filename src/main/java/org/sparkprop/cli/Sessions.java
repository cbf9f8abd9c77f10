package org.sparkprop.cli;

import java.io.IOException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Runs work on the session already running in this JVM (left running), or on one started for it
 * with {@code master} unless spark-submit set one (stopped afterwards). A session started here
 * does not compress broadcasts unless told to ({@code spark.broadcast.compress}).
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
    // Θ is broadcast every update and its random floats do not compress: LZ4 would only add
    // time to every update. A --conf value still wins.
    conf.setIfMissing("spark.broadcast.compress", "false");
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      return work.run(spark);
    } finally {
      spark.stop();
    }
  }
}
