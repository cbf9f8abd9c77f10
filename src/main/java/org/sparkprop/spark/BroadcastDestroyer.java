package org.sparkprop.spark;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.broadcast.Broadcast;

/**
 * Destroys spent broadcasts (last update's Θ) on a thread of its own, in the order given: the
 * destroy is a round trip to the block manager master that the next update need not wait for.
 * {@link #close} waits until every broadcast handed over is gone.
 */
final class BroadcastDestroyer implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger(BroadcastDestroyer.class);

  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "sparkprop-broadcast-destroyer");
    t.setDaemon(true);
    return t;
  });

  /** Destroys {@code broadcast} soon; it must not be used again. */
  void destroy(Broadcast<?> broadcast) {
    thread.execute(() -> {
      try {
        broadcast.destroy();
      } catch (RuntimeException e) {
        // Only the memory of an already finished update is at stake; Spark's cleaner or the
        // end of the application frees it.
        LOG.warn("could not destroy broadcast {}: {}", broadcast.id(), e.toString());
      }
    });
  }

  /** Waits (up to a minute) for the pending destroys. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("broadcasts still being destroyed after a minute; going on");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
