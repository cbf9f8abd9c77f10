package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticTest {

  @ParameterizedTest
  @ValueSource(strings = {"spirals", "circles", "xor", "sine"})
  void sameSeedGivesIdenticalData(String name) {
    RawData a = Synthetic.byName(name, 501, 0.2, 42);
    RawData b = Synthetic.byName(name, 501, 0.2, 42);
    assertEquals(a, b);
    assertTrue(Arrays.equals(a.features(), b.features()));
    assertTrue(Arrays.equals(a.labels(), b.labels()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"spirals", "circles", "xor", "sine"})
  void differentSeedGivesDifferentData(String name) {
    RawData a = Synthetic.byName(name, 200, 0.2, 1);
    RawData b = Synthetic.byName(name, 200, 0.2, 2);
    assertNotEquals(a, b);
    assertFalse(Arrays.equals(a.features(), b.features()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"spirals", "circles", "xor"})
  void classificationSetsAreBalancedTwoClassPlanes(String name) {
    RawData d = Synthetic.byName(name, 1001, 0.1, 7);
    assertEquals(1001, d.rows());
    assertEquals(2, d.columns());
    assertEquals("synthetic:" + name, d.source());
    int ones = 0;
    for (float label : d.labels()) {
      assertTrue(label == 0 || label == 1, "label " + label);
      ones += (int) label;
    }
    assertEquals(500, ones);
    assertEquals(2, Targets.classesIn(d));
    for (float v : d.features()) {
      assertTrue(Float.isFinite(v) && Math.abs(v) < 6.5, "coordinate " + v);
    }
  }

  @Test
  void everyPrefixIsBalanced() {
    RawData d = Synthetic.spirals(100, 0, 3);
    for (int i = 0; i < 100; i++) {
      assertEquals(i % 2, (int) d.label(i));
    }
  }

  @Test
  void spiralsWithoutNoiseAreTwoRotatedArms() {
    RawData d = Synthetic.spirals(400, 0, 3);
    // the point at index k of spiral 1 is the point k of spiral 0 rotated by π
    for (int k = 0; k < 200; k++) {
      assertEquals(-d.feature(2 * k, 0), d.feature(2 * k + 1, 0), 1e-5);
      assertEquals(-d.feature(2 * k, 1), d.feature(2 * k + 1, 1), 1e-5);
    }
    double maxRadius = 0;
    for (int i = 0; i < d.rows(); i++) {
      maxRadius = Math.max(maxRadius, Math.hypot(d.feature(i, 0), d.feature(i, 1)));
    }
    assertTrue(maxRadius > 4.9 && maxRadius <= 5, "radius " + maxRadius);
  }

  @Test
  void circlesWithoutNoiseSeparateDiscFromRing() {
    RawData d = Synthetic.circles(500, 0, 5);
    for (int i = 0; i < d.rows(); i++) {
      double r = Math.hypot(d.feature(i, 0), d.feature(i, 1));
      if (d.label(i) == 0) {
        assertTrue(r <= 2.5, "disc point at radius " + r);
      } else {
        assertTrue(r >= 3.5 && r <= 5, "ring point at radius " + r);
      }
    }
  }

  @Test
  void xorLabelsAreSignXor() {
    RawData d = Synthetic.xor(400, 0, 9);
    int[] perQuadrant = new int[4];
    for (int i = 0; i < d.rows(); i++) {
      float x = d.feature(i, 0);
      float y = d.feature(i, 1);
      assertTrue(Math.abs(x) >= 0.5 && Math.abs(y) >= 0.5);
      assertEquals(x * y > 0 ? 0f : 1f, d.label(i));
      perQuadrant[(x > 0 ? 0 : 1) + (y > 0 ? 0 : 2)]++;
    }
    assertArrayEquals(new int[] {100, 100, 100, 100}, perQuadrant);
  }

  @Test
  void sineIsARegressionOnMinusPiToPi() {
    RawData clean = Synthetic.sine(300, 0, 11);
    assertEquals(1, clean.columns());
    assertEquals("synthetic:sine", clean.source());
    for (int i = 0; i < clean.rows(); i++) {
      float x = clean.feature(i, 0);
      assertTrue(x >= -Math.PI && x <= Math.PI, "x " + x);
      assertEquals(Math.sin(x), clean.label(i), 1e-6);
    }
    RawData noisy = Synthetic.sine(2000, 0.1, 11);
    double sumSq = 0;
    for (int i = 0; i < noisy.rows(); i++) {
      double e = noisy.label(i) - Math.sin(noisy.feature(i, 0));
      sumSq += e * e;
    }
    double std = Math.sqrt(sumSq / noisy.rows());
    assertEquals(0.1, std, 0.01, "noise is Gaussian with the given standard deviation");
  }

  @Test
  void unknownNameListsKnownOnes() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> Synthetic.byName("moons", 10, 0, 1));
    String m = e.getMessage();
    assertTrue(m.contains("'moons'"), m);
    for (String known : Synthetic.NAMES) {
      assertTrue(m.contains(known), m);
    }
  }

  @Test
  void invalidSizeOrNoiseIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Synthetic.spirals(0, 0.1, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Synthetic.xor(10, -0.5, 1));
    assertTrue(e.getMessage().contains("-0.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Synthetic.circles(10, Double.NaN, 1));
  }
}
