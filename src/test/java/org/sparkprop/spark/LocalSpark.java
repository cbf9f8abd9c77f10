package org.sparkprop.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** One local[2] Spark context shared by the tests of a JVM (starting one takes seconds). */
public final class LocalSpark {

  private static JavaSparkContext context;

  private LocalSpark() {}

  public static synchronized JavaSparkContext context() {
    if (context == null) {
      SparkConf conf = new SparkConf()
          .setMaster("local[2]")
          .setAppName("sparkprop-tests")
          .set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.sql.shuffle.partitions", "4");
      context = new JavaSparkContext(org.apache.spark.SparkContext.getOrCreate(conf));
      context.setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> context.stop()));
    }
    return context;
  }
}
