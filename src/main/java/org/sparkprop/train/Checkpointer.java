package org.sparkprop.train;

/** Where the training loop saves its state, at the end of an epoch or within one. */
public interface Checkpointer {

  /** Saves {@code state} (after its epoch {@code state.epochs()}); must not keep the arrays. */
  void save(TrainingState state);

  /** Whether to save after this many finished epochs. */
  boolean due(int epochs);

  /**
   * Whether to save within an epoch after this many updates in all (never at an epoch's end,
   * which {@link #due} decides). None by default.
   */
  default boolean dueAfterUpdates(long updates) {
    return false;
  }
}
