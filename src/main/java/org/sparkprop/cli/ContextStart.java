package org.sparkprop.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark context started in a thread of its own while the main thread checks the settings and
 * the output directory: its start (RPC, block manager, the UI, 2-3 s in a fresh JVM) and those
 * checks (mostly loading Log4j's, Jackson's and Hadoop's classes) then share the cores instead
 * of following each other. Nothing starts when this JVM already runs a SQL session (it is
 * joined as before). Whoever runs the job {@link #take}s the context and stops it; when the
 * checks fail, {@link #abandon} stops it after the error is reported, so that a failed check
 * still writes nothing and says the same.
 */
final class ContextStart {

  private static final ContextStart NONE = new ContextStart(null);

  private final CompletableFuture<SparkContext> started;
  private boolean taken;

  private ContextStart(CompletableFuture<SparkContext> started) {
    this.started = started;
  }

  /** Nothing started: the job starts (or joins) Spark itself. */
  static ContextStart none() {
    return NONE;
  }

  /** Starts a context with {@code conf} in a daemon thread, unless a SQL session is running. */
  static ContextStart begin(SparkConf conf) {
    if (SparkSession.getDefaultSession().isDefined()) {
      return NONE;
    }
    CompletableFuture<SparkContext> future = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        future.complete(SparkContext.getOrCreate(conf));
      } catch (Throwable t) {
        future.completeExceptionally(t);
      }
    }, "sparkprop-context-start");
    thread.setDaemon(true);
    thread.start();
    return new ContextStart(future);
  }

  /** Whether a context is being started here. */
  boolean started() {
    return started != null;
  }

  /**
   * The context started here, once it is up; its failure to start is thrown as Spark threw it.
   * The caller owns the context from now on.
   */
  SparkContext take() {
    taken = true;
    try {
      return started.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Stops the context started here if nobody took it (a check failed): waits for its start. */
  void abandon() {
    if (started == null || taken) {
      return;
    }
    taken = true;
    try {
      started.join().stop();
    } catch (RuntimeException e) {
      // it did not start: nothing to stop
    }
  }
}
