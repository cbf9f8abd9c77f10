package org.sparkprop.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.sparkprop.nn.Network;
import org.sparkprop.tensor.Blas;
import org.sparkprop.train.ShardWorker;

/**
 * The {@link ShardWorker}s of an executor thread, kept across tasks: a task is short-lived, but
 * the thread that runs it serves every iteration, so its batch buffers and epoch order are
 * allocated once per fit instead of once per iteration.
 *
 * <p>A worker belongs to one network, found by its {@link Network#identity()} (never by its spec):
 * through it the tasks read that network's state (standardization, running statistics) as the
 * driver last shipped it, so fits of one architecture that run at the same time in one
 * application never see each other's state. A thread keeps the workers of its
 * {@link #WORKERS} most recently used networks, so that concurrent fits whose tasks alternate on
 * one thread do not reallocate at every task, and the memory stays bounded.
 */
final class ExecutorWorkers {

  /** Workers kept per thread: enough for a few fits at once (a parallel cross-validation). */
  static final int WORKERS = 4;

  private static final ThreadLocal<Map<UUID, ShardWorker>> WORKER =
      ThreadLocal.withInitial(() -> new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, ShardWorker> eldest) {
          return size() > WORKERS;
        }
      });

  private ExecutorWorkers() {}

  /** This thread's worker for {@code network}, made on its first task on this thread. */
  static ShardWorker forNetwork(Network network) {
    Map<UUID, ShardWorker> workers = WORKER.get();
    ShardWorker worker = workers.get(network.identity());
    if (worker == null) {
      Blas.logChoice();
      worker = new ShardWorker(network);
      workers.put(network.identity(), worker);
    }
    return worker;
  }
}
