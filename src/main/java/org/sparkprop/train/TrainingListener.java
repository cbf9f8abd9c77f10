package org.sparkprop.train;

/** Hears about every finished epoch (progress lines, metrics files, benchmarks). */
@FunctionalInterface
public interface TrainingListener {

  /**
   * Called after each epoch with its figures and the weights at its end, which the listener may
   * read (e.g. to measure test accuracy) but must neither modify nor keep.
   */
  void onEpoch(EpochStats stats, float[] theta);

  /** A listener that does nothing. */
  TrainingListener NONE = (stats, theta) -> {};
}
