package org.sparkprop.train;

import java.util.ArrayList;
import java.util.List;

/**
 * A checkpointer for tests that keeps copies of what it is given to save: at every epoch end and
 * after every multiple of {@code everyUpdates} updates.
 */
final class SavedStates implements Checkpointer {

  final List<TrainingState> states = new ArrayList<>();
  private final int everyUpdates;

  SavedStates(int everyUpdates) {
    if (everyUpdates < 1) {
      throw new IllegalArgumentException("SavedStates: everyUpdates is " + everyUpdates
          + "; it must be at least 1");
    }
    this.everyUpdates = everyUpdates;
  }

  @Override
  public void save(TrainingState s) {
    List<float[]> arrays = s.optimizerArrays().stream().map(float[]::clone).toList();
    states.add(new TrainingState(s.epochs(), s.updates(), s.theta().clone(), arrays,
        s.optimizerStep(), s.previousLoss(), s.bestEpoch(), s.bestLoss(), s.bestTheta(),
        s.bestNetworkState(), s.history(), s.progress()));
  }

  @Override
  public boolean due(int epochs) {
    return true;
  }

  @Override
  public boolean dueAfterUpdates(long updates) {
    return updates % everyUpdates == 0;
  }
}
