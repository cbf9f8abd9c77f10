package org.sparkprop.train;

/**
 * Training stopped because the loss or the gradient became NaN or infinite: there are no finite
 * weights to make a model of, so a fit throws this instead of returning one. The message names
 * the epoch, the iteration and the last finite loss, with the usual remedies
 * ({@link Divergence#message()}); the command line turns it into exit status 3.
 */
public final class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Divergence divergence;

  public TrainingDivergedException(Divergence divergence) {
    this(divergence, "");
  }

  /** @param detail appended to the message, e.g. where the last good checkpoint is */
  public TrainingDivergedException(Divergence divergence, String detail) {
    super(divergence.message() + detail);
    this.divergence = divergence;
  }

  /** Where training diverged. */
  public Divergence divergence() {
    return divergence;
  }

  /** The epoch (1-based) in which the loss or the gradient stopped being finite. */
  public int epoch() {
    return divergence.epoch();
  }

  /** The iteration (1-based) of that epoch. */
  public int iteration() {
    return divergence.iteration();
  }
}
