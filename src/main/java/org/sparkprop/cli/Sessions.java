package org.sparkprop.cli;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
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

  /** Work that needs a context, and a SQL session only for some inputs. */
  interface ContextWork<T> {
    T run(SparkContext context, Supplier<SparkSession> session) throws IOException;
  }

  static <T> T run(String master, Work<T> work) throws IOException {
    if (SparkSession.getDefaultSession().isDefined()) {
      return work.run(SparkSession.getDefaultSession().get());
    }
    SparkSession spark = SparkSession.builder().config(conf(master)).getOrCreate();
    try {
      return work.run(spark);
    } catch (IllegalStateException e) {
      throw stoppedUnder(spark.sparkContext(), e);
    } finally {
      spark.stop();
    }
  }

  /**
   * What to throw for {@code e} from work on a context started here: Spark's answer to any call
   * on a context that stopped under the work (a standalone master that does not answer makes
   * Spark give up after three 20 s attempts) becomes {@link SparkStoppedException}; anything
   * else is {@code e}.
   */
  private static RuntimeException stoppedUnder(SparkContext context, IllegalStateException e) {
    return context.isStopped() ? new SparkStoppedException(context.master(), e) : e;
  }

  /**
   * As {@link #run(String, Work)}, but a context started here gets a SQL session only when the
   * work asks for one: the session's start (the SQL function registry, Scala reflection) is most
   * of a second or two that reading IDX files does without.
   */
  static <T> T runOnContext(String master, ContextWork<T> work) throws IOException {
    return runOnContext(master, ContextStart.none(), work);
  }

  /**
   * As {@link #runOnContext(String, ContextWork)}, on the context that {@code early} started
   * (with {@link #conf} of the same master) when it started one.
   */
  static <T> T runOnContext(String master, ContextStart early, ContextWork<T> work)
      throws IOException {
    return runOnContext(conf(master), early, work);
  }

  /**
   * As {@link #runOnContext(String, ContextStart, ContextWork)}, a context started here having
   * {@code conf} ({@link #conf} of the master, with what the job adds).
   */
  static <T> T runOnContext(SparkConf conf, ContextStart early, ContextWork<T> work)
      throws IOException {
    if (!early.started() && SparkSession.getDefaultSession().isDefined()) {
      SparkSession running = SparkSession.getDefaultSession().get();
      return work.run(running.sparkContext(), () -> running);
    }
    SparkContext context = early.started() ? early.take() : SparkContext.getOrCreate(conf);
    SparkSession[] started = {null};
    Supplier<SparkSession> session = () -> {
      if (started[0] == null) {
        started[0] = SparkSession.builder().config(conf).getOrCreate();
      }
      return started[0];
    };
    try {
      return work.run(context, session);
    } catch (IllegalStateException e) {
      throw stoppedUnder(context, e);
    } finally {
      if (started[0] != null) {
        started[0].stop();
      } else {
        context.stop();
      }
    }
  }

  /** The configuration of a context started here for {@code master}. */
  static SparkConf conf(String master) {
    SparkConf conf = new SparkConf().setAppName("sparkprop");
    if (!conf.contains("spark.master")) {
      conf.setMaster(master);
    }
    return SessionDefaults.applyTo(conf);
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
