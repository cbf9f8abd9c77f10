package org.sparkprop.bench;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The benchmarks' Spark session: {@code local[2]} on 127.0.0.1, no UI, warnings only. */
final class LocalSession {

  private LocalSession() {}

  /** Starts it with {@code conf}'s other settings. */
  static SparkSession start(SparkConf conf, String app) {
    conf.setMaster("local[2]").setAppName(app)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
