package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** binary16 conversions against the format's definition. */
class HalfTest {

  @Test
  void everyFiniteHalfRoundTripsExactly() {
    int finite = 0;
    for (int h = 0; h < 1 << 16; h++) {
      float f = Half.toFloat((short) h);
      if (Float.isNaN(f)) {
        assertEquals(0x7c00, h & 0x7c00, "only exponent 31 is NaN: " + Integer.toHexString(h));
        continue;
      }
      finite++;
      assertEquals(h, Half.fromFloat(f) & 0xffff, "half " + Integer.toHexString(h) + " = " + f);
    }
    assertEquals(65536 - 2046, finite);
  }

  @Test
  void knownValues() {
    assertEquals(1f, Half.toFloat((short) 0x3c00));
    assertEquals(65504f, Half.toFloat((short) 0x7bff));
    assertEquals(0x1p-14f, Half.toFloat((short) 0x0400));
    assertEquals(0x1p-24f, Half.toFloat((short) 0x0001));
    assertEquals(-2f, Half.toFloat((short) 0xc000));
    assertEquals(Float.POSITIVE_INFINITY, Half.toFloat(Half.fromFloat(65520f)));
    assertEquals(65504f, Half.toFloat(Half.fromFloat(65519f)));
    assertEquals(0f, Half.toFloat(Half.fromFloat(0x1p-25f)), "a tie rounds to even (zero)");
    assertEquals(0x1p-24f, Half.toFloat(Half.fromFloat(0x1.000002p-25f)));
    // 1 + 2⁻¹¹ lies halfway between 1 and 1 + 2⁻¹⁰: to even, 1.
    assertEquals(1f, Half.toFloat(Half.fromFloat(1f + 0x1p-11f)));
    assertEquals(1f + 0x1p-9f, Half.toFloat(Half.fromFloat(1f + 0x1p-10f + 0x1p-11f)));
    assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(Float.NaN))));
  }

  @Test
  void roundingIsToNearest() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 200_000; n++) {
      float f = (float) ((random.nextDouble() * 2 - 1) * Math.pow(2, random.nextInt(-26, 16)));
      short h = Half.fromFloat(f);
      float back = Half.toFloat(h);
      double err = Math.abs((double) back - f);
      // Neither neighbour of h is closer to f.
      for (int d : new int[] {-1, 1}) {
        int other = (h & 0xffff) + d;
        if (other < 0 || other > 0xffff || (other & 0x7fff) >= 0x7c00) {
          continue;
        }
        float o = Half.toFloat((short) other);
        if (Math.signum(o) == Math.signum(back) || o == 0f) {
          assertTrue(Math.abs((double) o - f) >= err,
              f + " → " + back + " but " + o + " is nearer");
        }
      }
      // Relative error of a normal half: at most 2⁻¹¹; absolute below 2⁻¹⁴: at most 2⁻²⁵.
      assertTrue(err <= Math.max(Math.abs(f) * 0x1p-11, 0x1p-25), f + " → " + back);
    }
  }
}
