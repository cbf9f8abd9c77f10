package org.sparkprop.train;

/** Hears about every finished epoch (progress lines, metrics files, benchmarks). */
@FunctionalInterface
public interface TrainingListener {

  /**
   * Called after each epoch with its figures and the weights at its end, which the listener may
   * read (e.g. to measure test accuracy) but must neither modify nor keep.
   */
  void onEpoch(EpochStats stats, float[] theta);

  /**
   * Called after each update (or chunk or round of updates) with {@code done} of the
   * {@code iterations} updates of epoch {@code epoch} (from 1) made; for progress lines. Does
   * nothing by default.
   */
  default void onProgress(int epoch, int done, int iterations) {}

  /**
   * Called once, before the first epoch, with the moment ({@link System#nanoTime}) that every
   * {@link EpochStats#elapsedSeconds} counts from: an epoch ended at {@code startNanos} plus its
   * elapsed seconds, which may be well before it is heard of (the epochs of a barrier stage that
   * ran over several reach the listener together when it ends). Does nothing by default.
   */
  default void onStart(long startNanos) {}

  /** A listener that does nothing. */
  TrainingListener NONE = (stats, theta) -> {};
}
