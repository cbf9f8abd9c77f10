package org.sparkprop.train;

import java.util.List;
import org.sparkprop.optim.OptimizerState;

/**
 * Where the rounds of local SGD run: every shard, starting from the same Θ and optimizer state,
 * takes its own steps ({@link LocalSteps#run}); a Spark implementation runs one job per round.
 */
public interface LocalRounds {

  /**
   * Runs iterations [first, first + steps) of {@code epoch} on every shard from {@code theta}
   * and {@code state} (neither modified); returns one outcome per shard, in shard order.
   */
  List<LocalRound> run(LocalSteps rule, float[] theta, OptimizerState state, int epoch,
      int first, int steps);
}
