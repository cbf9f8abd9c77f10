package org.sparkprop.train;

/**
 * Training stopped on request ({@link StopSignal}) before its end, after {@code updates} updates:
 * {@code epochs} finished epochs and {@code iteration} batches of the next. {@code saved}: whether
 * that state went into a checkpoint, from which a resumed run goes on.
 */
public class TrainingStoppedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int epochs;
  private final int iteration;
  private final long updates;
  private final boolean saved;

  public TrainingStoppedException(int epochs, int iteration, long updates, boolean saved) {
    super("training stopped on request after " + updates + " updates (" + epochs
        + " epochs and " + iteration + " batches of the next); "
        + (saved ? "its state is checkpointed: resume to go on"
            : "no checkpoint of this point was written"));
    this.epochs = epochs;
    this.iteration = iteration;
    this.updates = updates;
    this.saved = saved;
  }

  public int epochs() {
    return epochs;
  }

  public int iteration() {
    return iteration;
  }

  public long updates() {
    return updates;
  }

  public boolean saved() {
    return saved;
  }
}
