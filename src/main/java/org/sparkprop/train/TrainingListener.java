package org.sparkprop.train;

/** Hears about every finished epoch (progress lines, metrics files). */
@FunctionalInterface
public interface TrainingListener {

  void onEpoch(EpochStats stats);

  /** A listener that does nothing. */
  TrainingListener NONE = stats -> {};
}
