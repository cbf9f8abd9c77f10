package org.sparkprop.cli;

import org.sparkprop.train.StopSignal;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, SIGTERM asks training to stop at its next batch ({@link StopSignal}) instead of
 * ending the JVM at once: the loop checkpoints and the command exits with status 4. Closing puts
 * the previous handler back.
 */
final class SigtermStop implements AutoCloseable {

  private static final Signal TERM = new Signal("TERM");

  private final SignalHandler previous;

  private SigtermStop(SignalHandler previous) {
    this.previous = previous;
  }

  /** Handles SIGTERM when {@code enabled} (a checkpoint directory is set), else changes nothing. */
  static SigtermStop install(boolean enabled) {
    StopSignal.clear();
    if (!enabled) {
      return new SigtermStop(null);
    }
    return new SigtermStop(Signal.handle(TERM, signal -> StopSignal.request()));
  }

  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(TERM, previous);
    }
    StopSignal.clear();
  }
}
