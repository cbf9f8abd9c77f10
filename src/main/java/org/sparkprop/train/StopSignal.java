package org.sparkprop.train;

/**
 * A request, from outside the loop (the command line's SIGTERM handler), that training stop at
 * the next batch: the loop saves its state through its checkpointer, if it has one, and throws
 * {@link TrainingStoppedException}. One per JVM.
 */
public final class StopSignal {

  private static volatile boolean requested;

  private StopSignal() {}

  /** Asks every training loop of this JVM to stop at its next batch. */
  public static void request() {
    requested = true;
  }

  /** Whether a stop was asked for. */
  public static boolean requested() {
    return requested;
  }

  /** Withdraws the request (the next job starts afresh). */
  public static void clear() {
    requested = false;
  }
}
