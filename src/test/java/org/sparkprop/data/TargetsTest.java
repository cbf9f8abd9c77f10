package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkprop.train.Samples;

class TargetsTest {

  private static RawData data(float[] x, int columns, float... labels) {
    return new RawData(x, labels.length, columns, labels, "test:set");
  }

  @Test
  void oneHotEncodesLabels() {
    RawData d = data(new float[] {1, 2, 3, 4, 5, 6}, 2, 2, 0, 1);
    Samples s = Targets.oneHot(d, 3);
    assertEquals(3, s.rows());
    assertEquals(2, s.inputs());
    assertEquals(3, s.outputs());
    assertArrayEquals(d.features(), s.x());
    assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, s.t());
    assertEquals(2, s.label(0));
    assertEquals(0, s.label(1));
    assertEquals(1, s.label(2));
  }

  @Test
  void oneHotRejectsLabelOutOfRange() {
    RawData d = data(new float[] {1, 2, 3}, 1, 0, 1, 3);
    DataFormatException e = assertThrows(DataFormatException.class, () -> Targets.oneHot(d, 3));
    String m = e.getMessage();
    assertTrue(m.contains("test:set") && m.contains("row 3") && m.contains("3.0")
        && m.contains("[0, 3)"), m);
  }

  @Test
  void oneHotRejectsNegativeAndFractionalLabels() {
    String m = assertThrows(DataFormatException.class,
        () -> Targets.oneHot(data(new float[] {1, 2}, 1, 0, -1), 2)).getMessage();
    assertTrue(m.contains("row 2") && m.contains("-1.0"), m);
    m = assertThrows(DataFormatException.class,
        () -> Targets.oneHot(data(new float[] {1, 2}, 1, 0.5f, 1), 2)).getMessage();
    assertTrue(m.contains("row 1") && m.contains("0.5"), m);
    m = assertThrows(DataFormatException.class,
        () -> Targets.oneHot(data(new float[] {1}, 1, Float.NaN), 2)).getMessage();
    assertTrue(m.contains("row 1") && m.contains("NaN"), m);
  }

  @Test
  void oneHotNeedsTwoClasses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Targets.oneHot(data(new float[] {1}, 1, 0), 1));
    assertTrue(e.getMessage().contains("1") && e.getMessage().contains("test:set"));
  }

  @Test
  void nonFiniteFeatureNamesRowColumnAndValue() {
    RawData d = data(new float[] {1, 2, 3, 4, Float.POSITIVE_INFINITY, 6}, 3, 0, 1);
    String m = assertThrows(DataFormatException.class, () -> Targets.oneHot(d, 2)).getMessage();
    assertTrue(m.contains("test:set") && m.contains("row 2") && m.contains("column 2")
        && m.contains("Infinity"), m);
    m = assertThrows(DataFormatException.class, () -> Targets.regression(d)).getMessage();
    assertTrue(m.contains("row 2") && m.contains("column 2"), m);
  }

  @Test
  void regressionUsesLabelsAsTargets() {
    RawData d = data(new float[] {1, 2, 3}, 1, 0.5f, -1.5f, 2);
    Samples s = Targets.regression(d);
    assertEquals(1, s.outputs());
    assertEquals(1, s.inputs());
    assertArrayEquals(new float[] {0.5f, -1.5f, 2}, s.t());
  }

  @Test
  void regressionRejectsNonFiniteTarget() {
    RawData d = data(new float[] {1, 2}, 1, 0.5f, Float.NaN);
    String m = assertThrows(DataFormatException.class, () -> Targets.regression(d)).getMessage();
    assertTrue(m.contains("test:set") && m.contains("row 2") && m.contains("NaN"), m);
  }

  @Test
  void checkInputsComparesFeatureCountWithInputLayer() {
    RawData spirals = Synthetic.spirals(10, 0.1, 1);
    Targets.checkInputs(spirals, 2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Targets.checkInputs(spirals, 3));
    assertEquals(
        "data synthetic:spirals has 2 features per row but layers[0] is 3", e.getMessage());
  }

  @Test
  void classesInIsLargestLabelPlusOne() {
    assertEquals(5, Targets.classesIn(data(new float[] {1, 2, 3}, 1, 0, 4, 2)));
    String m = assertThrows(DataFormatException.class,
        () -> Targets.classesIn(data(new float[] {1, 2}, 1, 1, 2.5f))).getMessage();
    assertTrue(m.contains("row 2") && m.contains("2.5"), m);
  }
}
