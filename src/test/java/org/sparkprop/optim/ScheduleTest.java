package org.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScheduleTest {

  static final double TOL = 1e-12;

  @Test
  void constant() {
    assertEquals(1, Schedule.constant().factor(0, 0));
    assertEquals(1, Schedule.constant().factor(99, 0.7));
  }

  @Test
  void stepDecayChangesEveryFewEpochs() {
    Schedule s = Schedule.step(3, 0.5);
    assertEquals(1, s.factor(0, 0));
    assertEquals(1, s.factor(2, 1));
    assertEquals(0.5, s.factor(3, 0));
    assertEquals(0.5, s.factor(5, 0.9));
    assertEquals(0.25, s.factor(6, 0));
    assertEquals(0.125, s.factor(10, 0.5));
  }

  @Test
  void exponentialMultipliesByGammaEveryEpoch() {
    Schedule s = Schedule.exponential(0.9);
    assertEquals(1, s.factor(0, 0.5));
    assertEquals(0.9, s.factor(1, 0), TOL);
    assertEquals(0.81, s.factor(2, 0.99), TOL);
    assertEquals(Math.pow(0.9, 10), s.factor(10, 0), TOL);
  }

  @Test
  void cosineFallsFromOneToTheMinimumAndStaysThere() {
    Schedule s = Schedule.cosine(10, 0.1);
    assertEquals(1, s.factor(0, 0), TOL);
    assertEquals(0.55, s.factor(5, 0), TOL);
    assertEquals(0.55, s.factor(4, 1), TOL);
    assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI / 4)) / 2, s.factor(2, 0.5), TOL);
    assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI * 0.75)) / 2, s.factor(7, 0.5), TOL);
    assertEquals(0.1, s.factor(10, 0), TOL);
    assertEquals(0.1, s.factor(12, 0.3), TOL);
    assertEquals(0, Schedule.cosine(4, 0).factor(4, 0), TOL);
  }

  @Test
  void linearWarmupThenTheScheduleFromItsStart() {
    Schedule s = Schedule.cosine(10, 0).withWarmup(2);
    assertEquals(0, s.factor(0, 0), TOL);
    assertEquals(0.25, s.factor(0, 0.5), TOL);
    assertEquals(0.5, s.factor(1, 0), TOL);
    assertEquals(0.75, s.factor(1, 0.5), TOL);
    assertEquals(1, s.factor(1, 1), TOL);     // warmup's end = the cosine's start
    assertEquals(1, s.factor(2, 0), TOL);
    assertEquals(0.5, s.factor(7, 0), TOL);   // 5 of the cosine's 10 epochs
    assertEquals(0, s.factor(12, 0), TOL);
    assertEquals(0, s.factor(20, 0.5), TOL);

    Schedule w = Schedule.constant().withWarmup(4);
    assertEquals(0.375, w.factor(1, 0.5), TOL);
    assertEquals(1, w.factor(4, 0), TOL);

    Schedule step = Schedule.step(2, 0.1).withWarmup(1);
    assertEquals(0.5, step.factor(0, 0.5), TOL);
    assertEquals(1, step.factor(2, 0.5), TOL);  // step epoch 1
    assertEquals(0.1, step.factor(3, 0), TOL, "step epoch 2");
  }

  @Test
  void noWarmupIsTheSameSchedule() {
    Schedule s = Schedule.exponential(0.5);
    assertSame(s, s.withWarmup(0));
  }

  @Test
  void validation() {
    assertEquals("setting scheduleEvery is '0'; it must be an integer >= 1",
        assertThrows(IllegalArgumentException.class, () -> Schedule.step(0, 0.5)).getMessage());
    assertEquals("setting scheduleGamma is '1.5'; it must be a number in (0, 1]", assertThrows(
        IllegalArgumentException.class, () -> Schedule.exponential(1.5)).getMessage());
    assertEquals("setting scheduleGamma is '0.0'; it must be a number in (0, 1]", assertThrows(
        IllegalArgumentException.class, () -> Schedule.step(2, 0)).getMessage());
    assertEquals("setting totalEpochs is '0'; it must be an integer >= 1", assertThrows(
        IllegalArgumentException.class, () -> Schedule.cosine(0, 0)).getMessage());
    assertEquals("setting scheduleMin is '2.0'; it must be a number in [0, 1]", assertThrows(
        IllegalArgumentException.class, () -> Schedule.cosine(5, 2)).getMessage());
    assertEquals("setting warmupEpochs is '-1'; it must be an integer >= 1", assertThrows(
        IllegalArgumentException.class, () -> Schedule.constant().withWarmup(-1)).getMessage());
    assertEquals("epoch is -1; it must be >= 0", assertThrows(
        IllegalArgumentException.class, () -> Schedule.constant().factor(-1, 0)).getMessage());
    assertEquals("progress is 1.5; it must be in [0, 1]", assertThrows(
        IllegalArgumentException.class, () -> Schedule.cosine(3, 0).factor(0, 1.5)).getMessage());
  }

  @Test
  void printing() {
    assertEquals("cosine(totalEpochs=10, minFactor=0.0) after 2 warmup epochs",
        Schedule.cosine(10, 0).withWarmup(2).toString());
    assertEquals("step(every=3, gamma=0.5)", Schedule.step(3, 0.5).toString());
    assertEquals("exponential(gamma=0.95)", Schedule.exponential(0.95).toString());
    assertEquals("constant", Schedule.constant().toString());
  }

  /** The factor reaches the optimizer as its rate multiplier. */
  @Test
  void drivesTheOptimizersRate() {
    GradientDescent sgd = new GradientDescent(0.5f);
    OptimizerState state = sgd.init(1);
    float[] theta = {0f};
    Schedule s = Schedule.constant().withWarmup(2);
    sgd.update(theta, new float[] {1f}, state, (float) s.factor(0, 0.5)); // 0.25 · 0.5
    assertEquals(-0.125f, theta[0]);
  }
}
