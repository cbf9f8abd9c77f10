package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RawDataTest {

  @Test
  void exposesRowsColumnsAndLabels() {
    RawData d = new RawData(new float[] {1, 2, 3, 4, 5, 6}, 2, 3, new float[] {7, 8}, "s");
    assertEquals(6, d.feature(1, 2));
    assertEquals(4, d.feature(1, 0));
    assertEquals(8, d.label(1));
    assertEquals("RawData[s: 2 rows × 3 columns]", d.toString());
  }

  @Test
  void comparesContents() {
    RawData a = new RawData(new float[] {1, 2}, 1, 2, new float[] {0}, "s");
    RawData b = new RawData(new float[] {1, 2}, 1, 2, new float[] {0}, "s");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new RawData(new float[] {1, 3}, 1, 2, new float[] {0}, "s"));
    assertNotEquals(a, new RawData(new float[] {1, 2}, 1, 2, new float[] {1}, "s"));
    assertNotEquals(a, new RawData(new float[] {1, 2}, 2, 1, new float[] {0, 0}, "s"));
  }

  @Test
  void rejectsInconsistentShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RawData(new float[5], 2, 3, new float[2], "src"));
    assertTrue(e.getMessage().contains("src") && e.getMessage().contains("5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new RawData(new float[6], 2, 3, new float[3], "src"));
    assertTrue(e.getMessage().contains("3 labels for 2 rows"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new RawData(new float[0], 0, 0, new float[0], "src"));
    assertThrows(NullPointerException.class,
        () -> new RawData(new float[0], 0, 1, new float[0], null));
  }
}
