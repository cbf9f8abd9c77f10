package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Where the parameters of a general network live in Θ: the weight blocks θ^{k',k} side by side
 * in each row, maxout's k rows per unit, then α, γ, β; the indices tile Θ; initial values; the
 * printed summary.
 */
class ArchitectureLayoutTest {

  // 3 inputs; layer 1: 4 maxout:2 units (8 rows); layer 2: 5 maxout:2 units (10 rows) reading
  // 0 and 1, layer norm; layer 3: 2 outputs reading 1 and 2.
  private static final NetworkSpec SPEC = ArchitectureProblems.spec("3-4-5-2", "maxout", "softmax",
      "cross_entropy", a -> a.withTopology(Topology.parse("2<-0,1;3<-1,2", "", 3))
          .withNormalization(2, Normalization.LAYER));

  @Test
  void rowsColumnsAndOffsets() {
    ThetaLayout layout = new ThetaLayout(SPEC);
    // layer 1: 8 rows × (1 + 3) = 32; layer 2: 10 rows × (1 + 3 + 4) = 80, then γ, β (10);
    // layer 3: 2 rows × (1 + 4 + 5) = 20.
    assertEquals(8, layout.rows(1));
    assertEquals(4, layout.rowLength(1));
    assertEquals(32, layout.layerSize(1));
    assertEquals(32, layout.offset(2));
    assertEquals(8, layout.rowLength(2));
    assertEquals(1, layout.column(2, 0));
    assertEquals(4, layout.column(2, 1));
    assertEquals(-1, layout.column(2, 2));
    assertEquals(10, layout.rows(2));
    assertEquals(32 + 80, layout.gammaOffset(2));
    assertEquals(32 + 85, layout.betaOffset(2));
    assertEquals(-1, layout.alphaOffset(2));
    assertEquals(90, layout.layerSize(2));
    assertEquals(122, layout.offset(3));
    assertEquals(10, layout.rowLength(3));
    assertEquals(2, layout.rows(3));
    assertEquals(122 + 20, layout.size());
    // θ^{1,2}_{3,2}: row 3 of layer 2, the block of layer 1 starts at column 4
    assertEquals(32 + 3 * 8 + 5, layout.index(2, 1, 3, 2));
    assertEquals(32 + 3 * 8 + 2, layout.index(2, 0, 3, 2));
    assertEquals(32 + 3 * 8, layout.index(2, 1, 3, 0));
    assertEquals(layout.index(2, 3, 4), layout.index(2, 1, 3, 1));
  }

  /** Every weight, bias, α, γ and β has its own index and together they fill [0, D). */
  @Test
  void indicesTileTheParameterVector() {
    NetworkSpec spec = ArchitectureProblems.spec("3-4-4-5-2", "prelu", "softmax",
        "cross_entropy", a -> a.withTopology(Topology.parse("3<-0,2;4<-1,3", "1-2", 4))
            .withNormalization(1, Normalization.BATCH).withNormalization(3, Normalization.LAYER));
    ThetaLayout layout = new ThetaLayout(spec);
    int[] seen = new int[layout.size()];
    for (int k = 1; k <= spec.depth(); k++) {
      for (int i = 0; i < layout.rows(k); i++) {
        seen[layout.index(k, i, 0)]++;
        for (int from : spec.inputs(k)) {
          for (int j = 1; j <= spec.size(from); j++) {
            seen[layout.index(k, from, i, j)]++;
          }
        }
      }
      for (int i = 0; i < spec.size(k); i++) {
        if (layout.alphaOffset(k) >= 0) {
          seen[layout.alphaOffset(k) + i]++;
        }
        if (layout.gammaOffset(k) >= 0) {
          seen[layout.gammaOffset(k) + i]++;
          seen[layout.betaOffset(k) + i]++;
        }
      }
    }
    for (int p = 0; p < seen.length; p++) {
      assertEquals(1, seen[p], "Θ[" + p + "]");
    }
    boolean[] weights = layout.weightMask();
    int count = 0;
    for (boolean w : weights) {
      count += w ? 1 : 0;
    }
    // weights: 4·3 + 4·4 + 5·(3 + 4) + 2·(4 + 5)
    assertEquals(12 + 16 + 35 + 18, count);
    assertTrue(!weights[layout.index(3, 2, 0)] && weights[layout.index(3, 0, 2, 1)]);
    assertTrue(!weights[layout.alphaOffset(2)] && !weights[layout.gammaOffset(1)]);
  }

  @Test
  void initialValues() {
    NetworkSpec spec = ArchitectureProblems.spec("3-4-5-2", "prelu:0.1", "softmax",
        "cross_entropy", a -> a.withTopology(Topology.parse("2<-0,1", "", a.depth()))
            .withNormalization(1, Normalization.BATCH));
    Network net = new Network(spec);
    ThetaLayout layout = net.layout();
    float[] theta = Initializer.initialTheta(net, new Init.He(false), 5);
    for (int i = 0; i < 4; i++) {
      assertEquals(0.1f, theta[layout.alphaOffset(1) + i]);
      assertEquals(1f, theta[layout.gammaOffset(1) + i]);
      assertEquals(0f, theta[layout.betaOffset(1) + i]);
    }
    // Layer 2 reads 3 + 4 = 7 values: He-uniform bound √(6/7).
    double bound = Math.sqrt(6.0 / 7);
    double max = 0;
    for (int i = 0; i < 5; i++) {
      assertEquals(0f, theta[layout.index(2, i, 0)]);
      for (int j = 1; j <= 7; j++) {
        max = Math.max(max, Math.abs(theta[layout.index(2, i, j)]));
      }
    }
    assertTrue(max <= bound && max > 0.6 * bound, max + " vs " + bound);
    assertTrue(new Init.Auto().forLayer(spec, 1) instanceof Init.He);
    for (String g : new String[] {"leaky_relu", "elu", "prelu"}) {
      NetworkSpec s = ArchitectureProblems.spec("3-4-2", g, "softmax", "cross_entropy", a -> a);
      assertTrue(new Init.Auto().forLayer(s, 1) instanceof Init.He, g);
    }
  }

  @Test
  void summaryListsLayersInputsAndParameterCounts() {
    NetworkSpec spec = ArchitectureProblems.spec("784-512-512-10", "relu", "softmax",
        "cross_entropy", a -> a.withTopology(Topology.parse("3<-0,2", "1-2", 3))
            .withNormalization(1, Normalization.BATCH).withDropout(0.2f)
            .withStandardize(true));
    String summary = new Network(spec).summary();
    String[] lines = summary.split("\n");
    assertEquals(6, lines.length, summary);
    assertTrue(lines[1].contains("784") && lines[1].contains("standardized"), summary);
    // layer 1: 512·785 + γ, β = 401,920 + 1,024
    assertTrue(lines[2].contains("batchNorm") && lines[2].contains("dropout 0.2")
        && lines[2].contains("402,944"), summary);
    // layer 2 reads 1 and adds 1
    assertTrue(lines[3].matches(".*\\b1 \\+1\\b.*") && lines[3].contains("262,656"), summary);
    // layer 3 reads the inputs and layer 2: 10·(1 + 784 + 512)
    assertTrue(lines[4].contains("0,2") && lines[4].contains("12,970"), summary);
    assertTrue(lines[5].contains("total 678,570 parameters")
        && lines[5].contains("2,592 non-trainable state values"), summary);
  }

  @Test
  void plainLayoutIsUnchanged() {
    NetworkSpec spec = Problems.spec("4-6-5-3", "tanh", "softmax", "cross_entropy");
    ThetaLayout layout = new ThetaLayout(spec);
    boolean[] mask = layout.weightMask();
    for (int k = 1; k <= 3; k++) {
      for (int i = 0; i < spec.size(k); i++) {
        assertEquals(false, mask[layout.index(k, i, 0)]);
        for (int j = 1; j <= spec.size(k - 1); j++) {
          assertEquals(true, mask[layout.index(k, i, j)]);
          assertEquals(layout.index(k, i, j), layout.index(k, k - 1, i, j));
        }
      }
    }
    assertEquals(83, Arrays.stream(new int[] {layout.size()}).sum());
  }
}
