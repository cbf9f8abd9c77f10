package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkprop.optim.Adam;
import org.sparkprop.optim.OptimizerState;

class RoundAverageTest {

  private static LocalRound round(int shard, float[] theta, float[] m, float[] v, long step,
      double weight) {
    return new LocalRound(shard, theta, List.of(m, v), step, 4, 0, 0, weight, (long) weight, 0,
        -1);
  }

  @Test
  void thetaAndMomentsAreMeansWeightedByRowsSeen() {
    OptimizerState state = new Adam().init(2);
    float[] theta = {9, 9};
    RoundAverage.into(List.of(
        round(0, new float[] {1, 2}, new float[] {4, 0}, new float[] {1, 1}, 7, 3),
        round(1, new float[] {5, -2}, new float[] {0, 8}, new float[] {5, 1}, 8, 1),
        // saw no rows: its Θ (whatever it is) does not count
        round(2, new float[] {100, 100}, new float[] {100, 100}, new float[] {100, 100}, 3, 0)),
        theta, state);
    assertArrayEquals(new float[] {2, 1}, theta);
    assertArrayEquals(new float[] {3, 2}, state.arrays().get(0));
    assertArrayEquals(new float[] {2, 1}, state.arrays().get(1));
    assertEquals(8, state.step());
  }

  @Test
  void noRowsLeaveThetaAsItWas() {
    OptimizerState state = new Adam().init(1);
    float[] theta = {3};
    RoundAverage.into(List.of(round(0, new float[] {7}, new float[] {1}, new float[] {1}, 2, 0)),
        theta, state);
    assertArrayEquals(new float[] {3}, theta);
    assertEquals(0, state.step());
  }
}
