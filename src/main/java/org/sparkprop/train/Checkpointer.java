package org.sparkprop.train;

/** Where the training loop saves its state at the end of an epoch. */
public interface Checkpointer {

  /** Saves {@code state} (after its epoch {@code state.epochs()}); must not keep the arrays. */
  void save(TrainingState state);

  /** Whether to save after this many finished epochs. */
  boolean due(int epochs);
}
