package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Welford's pass and Chan's merge: parts merged in any grouping give the moments of the whole. */
class InputMomentsTest {

  @Test
  void mergedPartsGiveTheWhole() {
    int rows = 1000;
    float[] x = new float[3 * rows];
    Random random = new Random(7);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) ((i % 3 == 0 ? 1e4 : -2.5) + random.nextGaussian() * (1 + i % 3));
    }
    InputMoments whole = InputMoments.of(x, 0, rows, 3);
    // Uneven parts, merged left to right and as a tree; an empty part changes nothing.
    int[] cuts = {0, 1, 170, 171, 640, 1000};
    InputMoments left = InputMoments.empty(3);
    InputMoments[] parts = new InputMoments[cuts.length - 1];
    for (int p = 0; p < parts.length; p++) {
      parts[p] = InputMoments.of(x, 3 * cuts[p], cuts[p + 1] - cuts[p], 3);
      left = left.merge(parts[p]).merge(InputMoments.empty(3));
    }
    InputMoments tree = parts[0].merge(parts[1]).merge(parts[2].merge(parts[3].merge(parts[4])));
    for (InputMoments merged : new InputMoments[] {left, tree}) {
      assertEquals(rows, merged.count());
      for (int j = 0; j < 3; j++) {
        assertEquals(whole.mean()[j], merged.mean()[j], 1e-12 * Math.abs(whole.mean()[j]));
        assertEquals(whole.variance(j), merged.variance(j), 1e-11 * whole.variance(j));
      }
    }
    InputMoments none = InputMoments.empty(3);
    assertSame(whole, whole.merge(none));
    assertSame(whole, none.merge(whole));
  }

  @Test
  void oneRowHasNoVariance() {
    InputMoments one = InputMoments.of(new float[] {9f, 4f, 2f}, 1, 1, 2);
    assertEquals(4.0, one.mean()[0]);
    assertEquals(2.0, one.mean()[1]);
    assertEquals(0.0, one.variance(0));
    float[] mu = new float[2];
    float[] var = {5f, 5f};
    one.write(mu, 0, var, 0);
    assertEquals(0f, var[1]);
  }

  @Test
  void theArraysAreCopies() {
    double[] mean = {1, 2};
    InputMoments m = new InputMoments(2, mean, new double[] {3, 4});
    mean[0] = 99;
    m.mean()[1] = 99;
    assertEquals(1.0, m.mean()[0]);
    assertEquals(2.0, m.mean()[1]);
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InputMoments.empty(2).merge(InputMoments.empty(3)));
    assertEquals("InputMoments of 3 columns cannot be merged into moments of 2 columns",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> InputMoments.of(new float[5], 0, 3, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new InputMoments(-1, new double[1], new double[1]));
  }
}
