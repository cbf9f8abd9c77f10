package org.sparkprop.bench;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmarks' Spark session: {@code local[2]} on 127.0.0.1 and no UI unless {@code conf} says
 * otherwise (OverheadProbe takes Spark settings from its command line); warnings only.
 */
final class LocalSession {

  private LocalSession() {}

  /** Starts it with {@code conf}'s other settings. */
  static SparkSession start(SparkConf conf, String app) {
    conf.setAppName(app)
        .setIfMissing("spark.master", "local[2]")
        .setIfMissing("spark.ui.enabled", "false")
        .setIfMissing("spark.driver.host", "127.0.0.1")
        .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
