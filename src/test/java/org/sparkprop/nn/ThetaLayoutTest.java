package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Where θ^k_ij lives in the flat Θ: layer by layer, node by node, bias first:
 * index(k, i, j) = offset(k) + i·(M_{k−1} + 1) + j, and the indices tile [0, D) exactly.
 */
class ThetaLayoutTest {

  private final ThetaLayout layout =
      new ThetaLayout(Problems.spec("4-6-5-3", "tanh", "softmax", "cross_entropy"));

  @Test
  void sizeIsTheSumOfLayerSizes() {
    // 6·(4+1) + 5·(6+1) + 3·(5+1) = 30 + 35 + 18
    assertEquals(83, layout.size());
    assertEquals(30, layout.layerSize(1));
    assertEquals(35, layout.layerSize(2));
    assertEquals(18, layout.layerSize(3));
    assertEquals(83, new Network(Problems.spec("4-6-5-3", "tanh", "linear", "squared"))
        .parameterCount());
  }

  @Test
  void offsetsAndRowLengths() {
    assertEquals(0, layout.offset(1));
    assertEquals(30, layout.offset(2));
    assertEquals(65, layout.offset(3));
    assertEquals(5, layout.rowLength(1));
    assertEquals(7, layout.rowLength(2));
    assertEquals(6, layout.rowLength(3));
  }

  @Test
  void indexFormula() {
    assertEquals(0, layout.index(1, 0, 0));
    assertEquals(4, layout.index(1, 0, 4));
    assertEquals(5, layout.index(1, 1, 0));
    assertEquals(29, layout.index(1, 5, 4));
    assertEquals(30 + 2 * 7 + 3, layout.index(2, 2, 3));
    assertEquals(65 + 2 * 6 + 5, layout.index(3, 2, 5));
  }

  /** Running k, i, j in order visits 0, 1, …, D − 1: no gaps, no overlaps. */
  @Test
  void indicesTileTheParameterVectorInOrder() {
    int[] sizes = {4, 6, 5, 3};
    int expected = 0;
    for (int k = 1; k < sizes.length; k++) {
      assertEquals(expected, layout.offset(k), "offset(" + k + ")");
      for (int i = 0; i < sizes[k]; i++) {
        for (int j = 0; j <= sizes[k - 1]; j++) {
          assertEquals(expected, layout.index(k, i, j), "index(" + k + "," + i + "," + j + ")");
          expected++;
        }
      }
    }
    assertEquals(expected, layout.size());
  }

  @Test
  void singleLayerNet() {
    ThetaLayout one = new ThetaLayout(Problems.spec("1-1", "linear", "linear", "squared"));
    assertEquals(2, one.size());
    assertEquals(0, one.index(1, 0, 0));
    assertEquals(1, one.index(1, 0, 1));
    assertEquals(2, one.layerSize(1));
  }

  /** More weights than one Java array can hold is refused with a message, not an overflow. */
  @Test
  void tooManyWeightsAreRefused() {
    NetworkSpec huge = Problems.spec("50000-50000", "linear", "linear", "squared");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new ThetaLayout(huge));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("2500050000"),
        e.getMessage());
  }
}
