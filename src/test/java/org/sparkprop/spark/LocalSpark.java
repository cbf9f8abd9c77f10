package org.sparkprop.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** One local[2] Spark context shared by the tests of a JVM (starting one takes seconds). */
public final class LocalSpark {

  private static JavaSparkContext context;
  private static SparkSession session;

  private LocalSpark() {}

  /** The shared session (local[2]). */
  public static synchronized SparkSession session() {
    context();
    return session;
  }

  public static synchronized JavaSparkContext context() {
    if (context == null || context.sc().isStopped()) {
      SparkConf conf = new SparkConf()
          .setMaster("local[2]")
          .setAppName("sparkprop-tests")
          .set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.sql.shuffle.partitions", "4")
          // A local file system without rename, as object stores are: norename:///tmp/x.
          .set("spark.hadoop.fs." + NoRenameFileSystem.SCHEME + ".impl",
              NoRenameFileSystem.class.getName());
      // A session, not only a context, so that code which joins the running session finds it.
      session = SparkSession.builder().config(conf).getOrCreate();
      context = JavaSparkContext.fromSparkContext(session.sparkContext());
      context.setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> context.stop()));
    }
    return context;
  }
}
