package org.sparkprop.bench;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.spark.SessionDefaults;

/**
 * A bench session on a master with executor JVMs (a standalone master or {@code local-cluster}),
 * with Spark settings given as {@code key=value} arguments, returned once all its executors have
 * registered (otherwise the first measurements would run on fewer of them).
 */
final class ClusterSession {

  private ClusterSession() {}

  /**
   * @param settings {@code key=value} Spark settings (e.g. the executors' class path and JVM
   *     options, which the script passes)
   */
  static SparkSession start(String master, int executors, String app, String[] settings)
      throws InterruptedException {
    SparkConf conf = SessionDefaults.applyTo(new SparkConf()).set("spark.master", master);
    for (String s : settings) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Spark setting '" + s + "' is not key=value");
      }
      conf.set(s.substring(0, eq), s.substring(eq + 1));
    }
    SparkSession spark = LocalSession.start(conf, app);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long deadline = System.nanoTime() + 180_000_000_000L;
    // The driver is one of the executor infos.
    while (sc.sc().statusTracker().getExecutorInfos().length - 1 < executors) {
      if (System.nanoTime() > deadline) {
        int have = sc.sc().statusTracker().getExecutorInfos().length - 1;
        spark.stop();
        throw new IllegalStateException(have + " of " + executors + " executors registered with "
            + master + " within 3 minutes");
      }
      Thread.sleep(200);
    }
    return spark;
  }
}
