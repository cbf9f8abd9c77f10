package org.sparkprop.spark;

import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.tensor.Blas;
import org.sparkprop.train.ShardWorker;

/**
 * One {@link ShardWorker} per executor thread, kept across tasks: a task is short-lived, but the
 * thread that runs it serves every iteration, so its batch buffers and epoch order are allocated
 * once instead of once per iteration.
 */
final class ExecutorWorkers {

  private static final ThreadLocal<ShardWorker> WORKER = new ThreadLocal<>();

  private ExecutorWorkers() {}

  /** This thread's worker for {@code network}, replaced when the network changes. */
  static ShardWorker forNetwork(Network network) {
    ShardWorker worker = WORKER.get();
    NetworkSpec spec = network.spec();
    if (worker == null || !worker.network().spec().equals(spec)) {
      Blas.logChoice();
      worker = new ShardWorker(network);
      WORKER.set(worker);
    }
    return worker;
  }
}
