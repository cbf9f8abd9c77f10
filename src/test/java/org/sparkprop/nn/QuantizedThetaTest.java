package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Post-training quantization of Θ: error bounds and what stays float32. */
class QuantizedThetaTest {

  private static NetworkSpec prelu() {
    return ArchitectureProblems.spec("5-7-6-3", "prelu", "softmax", "cross_entropy",
        a -> a.withTopology(Topology.parse("2<-0,1", "", a.depth()))
            .withNormalization(1, Normalization.LAYER).withNormalization(2, Normalization.BATCH));
  }

  @Test
  void int8ErrorIsAtMostHalfAScalePerWeight() {
    for (NetworkSpec spec : new NetworkSpec[] {prelu(),
        Problems.spec("20-16-4", "relu", "softmax", "cross_entropy"),
        ArchitectureProblems.spec("3-5-5-2", "maxout:3", "softmax", "cross_entropy",
            a -> a)}) {
      ThetaLayout layout = new ThetaLayout(spec);
      float[] theta = Problems.theta(spec, 11, 2.0);
      QuantizedTheta q = QuantizedTheta.of(layout, theta, QuantizedType.INT8);
      float[] back = q.dequantize();
      boolean[] weight = layout.weightMask();
      float[] scales = q.scales();
      int row = 0;
      int checked = 0;
      for (int k = 1; k <= spec.depth(); k++) {
        for (int i = 0; i < layout.rows(k); i++, row++) {
          float max = 0f;
          for (int j = 1; j < layout.rowLength(k); j++) {
            max = Math.max(max, Math.abs(theta[layout.index(k, i, j)]));
          }
          assertEquals(max / 127f, scales[row], 0f, "scale of row " + i + " of layer " + k);
          for (int j = 1; j < layout.rowLength(k); j++) {
            int p = layout.index(k, i, j);
            double err = Math.abs((double) back[p] - theta[p]);
            // scale/2 from rounding, plus the float rounding of θ/scale and q·scale
            assertTrue(err <= scales[row] / 2 * (1 + 1e-6) + 1e-7 * Math.abs(theta[p]),
                spec + " θ[" + p + "] = " + theta[p] + " → " + back[p] + ", scale " + scales[row]);
            checked++;
          }
        }
      }
      assertTrue(checked > 0);
      for (int p = 0; p < theta.length; p++) {
        if (!weight[p]) {
          assertEquals(theta[p], back[p], 0f, "bias, α, γ and β stay float32: θ[" + p + "]");
        }
      }
      // the largest weight of each row is represented exactly (up to float rounding)
      assertEquals(weightCount(layout), q.int8Weights().length);
    }
  }

  @Test
  void float16ErrorIsBounded() {
    NetworkSpec spec = prelu();
    ThetaLayout layout = new ThetaLayout(spec);
    float[] theta = Problems.theta(spec, 5, 3.0);
    QuantizedTheta q = QuantizedTheta.of(layout, theta, QuantizedType.FLOAT16);
    float[] back = q.dequantize();
    boolean[] weight = layout.weightMask();
    for (int p = 0; p < theta.length; p++) {
      double err = Math.abs((double) back[p] - theta[p]);
      if (weight[p]) {
        assertTrue(err <= Math.max(Math.abs(theta[p]) * 0x1p-11, 0x1p-25),
            "θ[" + p + "] = " + theta[p] + " → " + back[p]);
      } else {
        assertEquals(theta[p], back[p], 0f, "θ[" + p + "] is not a connection weight");
      }
    }
    assertEquals(weightCount(layout), q.float16Weights().length);
    assertEquals(0, q.scales().length);
  }

  @Test
  void int8IsAboutFourTimesSmaller() {
    NetworkSpec spec = Problems.spec("784-256-128-10", "relu", "softmax", "cross_entropy");
    ThetaLayout layout = new ThetaLayout(spec);
    float[] theta = Problems.theta(spec, 3, 0.1);
    double ratio = 4.0 * theta.length / QuantizedTheta.of(layout, theta, QuantizedType.INT8)
        .bytes();
    assertTrue(ratio > 3.9 && ratio < 4.0, "ratio " + ratio);
    double half = 4.0 * theta.length / QuantizedTheta.of(layout, theta, QuantizedType.FLOAT16)
        .bytes();
    assertTrue(half > 1.99 && half < 2.0, "float16 ratio " + half);
  }

  @Test
  void zeroRowsAndExtremesQuantize() {
    NetworkSpec spec = Problems.spec("3-2-2", "relu", "softmax", "cross_entropy");
    ThetaLayout layout = new ThetaLayout(spec);
    float[] theta = new float[layout.size()];
    theta[layout.index(1, 1, 1)] = -5f;
    theta[layout.index(1, 1, 2)] = 5f;
    theta[layout.index(1, 1, 3)] = 2.6f;
    QuantizedTheta q = QuantizedTheta.of(layout, theta, QuantizedType.INT8);
    assertEquals(0f, q.scales()[0]);
    float[] back = q.dequantize();
    assertEquals(-5f, back[layout.index(1, 1, 1)], 1e-6f);
    assertEquals(5f, back[layout.index(1, 1, 2)], 1e-6f);
    assertEquals(0f, back[layout.index(1, 0, 2)]);
    assertArrayEquals(new byte[] {-127, 127, 66}, java.util.Arrays.copyOfRange(q.int8Weights(),
        3, 6), "2.6/(5/127) = 66.04");
    theta[layout.index(2, 0, 1)] = Float.NaN;
    assertThrows(IllegalArgumentException.class,
        () -> QuantizedTheta.of(layout, theta, QuantizedType.INT8));
  }

  @Test
  void typesParseAndBadNamesAreRefusedWithThePlace() {
    assertEquals(QuantizedType.INT8, QuantizedType.parse(" INT8 ", "--type"));
    assertEquals(QuantizedType.FLOAT16, QuantizedType.parse("float16", "--type"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuantizedType.parse("int4", "--type"));
    assertTrue(e.getMessage().contains("--type") && e.getMessage().contains("'int4'")
        && e.getMessage().contains("int8, float16"), e.getMessage());
  }

  private static int weightCount(ThetaLayout layout) {
    int n = 0;
    for (boolean w : layout.weightMask()) {
      n += w ? 1 : 0;
    }
    return n;
  }
}
