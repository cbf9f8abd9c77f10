package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {

  /** Row i has features (i, -i) and label i % 3: rows are identified by their first feature. */
  private static RawData numbered(int rows) {
    float[] x = new float[rows * 2];
    float[] labels = new float[rows];
    for (int i = 0; i < rows; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      labels[i] = i % 3;
    }
    return new RawData(x, rows, 2, labels, "numbered");
  }

  @Test
  void splitsIntoDisjointPartsCoveringAllRows() {
    RawData[] parts = Split.trainTest(numbered(1000), 0.2, 5);
    RawData train = parts[0];
    RawData test = parts[1];
    assertEquals(800, train.rows());
    assertEquals(200, test.rows());
    assertEquals(2, train.columns());
    assertEquals("numbered [train]", train.source());
    assertEquals("numbered [test]", test.source());
    Set<Integer> seen = new HashSet<>();
    for (RawData part : parts) {
      for (int r = 0; r < part.rows(); r++) {
        int id = (int) part.feature(r, 0);
        assertTrue(seen.add(id), "row " + id + " in both parts");
        assertEquals(-id, part.feature(r, 1), "features travel with their row");
        assertEquals(id % 3, part.label(r), "label travels with its row");
      }
    }
    assertEquals(1000, seen.size());
  }

  @Test
  void shuffles() {
    RawData test = Split.trainTest(numbered(1000), 0.2, 5)[1];
    boolean inOrder = true;
    for (int r = 1; r < test.rows(); r++) {
      inOrder &= test.feature(r, 0) > test.feature(r - 1, 0);
    }
    assertTrue(!inOrder, "the test part is not simply a contiguous block");
  }

  @Test
  void isDeterministicPerSeed() {
    RawData data = numbered(100);
    assertEquals(Split.trainTest(data, 0.3, 1)[1], Split.trainTest(data, 0.3, 1)[1]);
    assertNotEquals(Split.trainTest(data, 0.3, 1)[1], Split.trainTest(data, 0.3, 2)[1]);
  }

  @Test
  void bothPartsAreNonEmpty() {
    RawData[] tiny = Split.trainTest(numbered(3), 0.01, 1);
    assertEquals(2, tiny[0].rows());
    assertEquals(1, tiny[1].rows());
    RawData[] most = Split.trainTest(numbered(3), 0.99, 1);
    assertEquals(1, most[0].rows());
    assertEquals(2, most[1].rows());
  }

  @Test
  void fractionMustBeStrictlyBetweenZeroAndOne() {
    for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
      IllegalArgumentException e = assertThrows(
          IllegalArgumentException.class, () -> Split.trainTest(numbered(10), bad, 1));
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }

  @Test
  void needsTwoRows() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> Split.trainTest(numbered(1), 0.5, 1));
    assertTrue(e.getMessage().contains("numbered"), e.getMessage());
  }
}
