package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSumsTest {

  @Test
  void confusionMatrixAndPerClassFiguresByHand() {
    // Three classes; rows (truth -> predicted): 0->0, 0->1, 1->1, 2->2, 2->0.
    float[] t = {1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1};
    float[] s = {.7f, .2f, .1f, .3f, .6f, .1f, .1f, .8f, .1f, .1f, .1f, .8f, .5f, .3f, .2f};
    MetricSums sums = new MetricSums(3, true);
    // Split over two "shards" and merged, as the executors do.
    sums.add(java.util.Arrays.copyOfRange(s, 0, 6), t, 0, 2, 1.0);
    MetricSums other = new MetricSums(3, true);
    other.add(java.util.Arrays.copyOfRange(s, 6, 15), t, 6, 3, 2.0);
    sums.merge(other);
    Map<String, Object> f = sums.figures();
    assertEquals(5L, f.get("rows"));
    assertEquals(3.0 / 5, (Double) f.get("loss"), 1e-12);
    assertEquals(3.0 / 5, (Double) f.get("accuracy"), 1e-12);
    long[][] confusion = (long[][]) f.get("confusion_matrix");
    assertArrayEquals(new long[] {1, 1, 0}, confusion[0]);
    assertArrayEquals(new long[] {0, 1, 0}, confusion[1]);
    assertArrayEquals(new long[] {1, 0, 1}, confusion[2]);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> perClass = (Map<String, Map<String, Object>>) f.get("per_class");
    // class 0: predicted twice (rows 1 and 5), right once; actual twice, found once.
    assertEquals(0.5, (Double) perClass.get("0").get("precision"), 1e-12);
    assertEquals(0.5, (Double) perClass.get("0").get("recall"), 1e-12);
    // class 1: predicted twice, right once; actual once, found.
    assertEquals(0.5, (Double) perClass.get("1").get("precision"), 1e-12);
    assertEquals(1.0, (Double) perClass.get("1").get("recall"), 1e-12);
    assertEquals(2 * 0.5 / 1.5, (Double) perClass.get("1").get("f1"), 1e-12);
    assertEquals(2L, perClass.get("2").get("support"));
  }

  @Test
  void oneSigmoidOutputHasTwoClasses() {
    MetricSums sums = new MetricSums(1, true);
    sums.add(new float[] {.9f, .2f, .6f}, new float[] {1, 0, 0}, 0, 3, 0.3);
    long[][] confusion = (long[][]) sums.figures().get("confusion_matrix");
    assertArrayEquals(new long[] {1, 1}, confusion[0]);
    assertArrayEquals(new long[] {0, 1}, confusion[1]);
    assertEquals(2.0 / 3, sums.accuracy(), 1e-12);
  }

  @Test
  void regressionFiguresByHand() {
    // Two outputs, two rows: t = (1, 2), (3, 4); s = (1.5, 2), (2, 4).
    MetricSums sums = new MetricSums(2, false);
    sums.add(new float[] {1.5f, 2, 2, 4}, new float[] {9, 1, 2, 3, 4}, 1, 2, 0.625);
    Map<String, Object> f = sums.figures();
    double sq = 0.25 + 0 + 1 + 0;
    assertEquals(Math.sqrt(sq / 4), (Double) f.get("rmse"), 1e-12);
    assertEquals((0.5 + 1) / 4, (Double) f.get("mae"), 1e-12);
    double mean = 2.5;
    double ssTot = 2.25 + 0.25 + 0.25 + 2.25;
    assertEquals(1 - sq / ssTot, (Double) f.get("r2"), 1e-12);
    assertEquals(mean, 10.0 / 4, 0);
  }
}
