package org.sparkprop.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Linear;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.SquaredError;
import org.sparkprop.nn.ThetaLayout;
import org.sparkprop.nn.Topology;

/**
 * Removing hidden units (their constant output g(θ_i0) folded into the readers' biases) computes
 * what the full network computes with those units' incoming weights zeroed, for plain stacks and
 * skip connections; units of residual blocks and normalized layers are refused by layer and unit.
 */
class UnitRemovalTest {

  private static NetworkSpec spec(String activation, String connections, String residual,
      String norm, boolean linearOut) {
    int[] sizes = {5, 6, 6, 6, 3};
    Architecture a = Architecture.plain(4).withTopology(Topology.parse(connections, residual, 4));
    if (!norm.isEmpty()) {
      String[] kv = norm.split(":");
      a = a.withNormalization(Integer.parseInt(kv[1]),
          kv[0].equals("layer") ? Normalization.LAYER : Normalization.BATCH);
    }
    return linearOut
        ? new NetworkSpec(sizes, Activations.parse(activation), new Linear(), new SquaredError(), a)
        : new NetworkSpec(sizes, Activations.parse(activation), new Softmax(), new CrossEntropy(),
            a);
  }

  /** Units 1 and 4 of layer 1, unit 0 of layer 2, unit 5 of layer 3: removed. */
  private static boolean[][] chosen(NetworkSpec spec) {
    boolean[][] r = new boolean[spec.depth() + 1][];
    for (int k = 0; k <= spec.depth(); k++) {
      r[k] = new boolean[spec.size(k)];
    }
    r[1][1] = true;
    r[1][4] = true;
    r[2][0] = true;
    r[3][5] = true;
    return r;
  }

  private static float[] outputs(NetworkSpec spec, float[] theta, float[] x, int rows) {
    Network net = new Network(spec);
    return net.forward(theta, x, 0, rows, net.newWorkspace(rows)).clone();
  }

  @ParameterizedTest
  @CsvSource({"relu,,", "tanh,,", "sigmoid,,", "relu,'3<-1,2;4<-1,3',", "tanh,'2<-0,1;4<-2,3',",
      "elu,'4<-1,2,3',"})
  void aShrunkNetworkComputesWhatZeroedIncomingWeightsCompute(String activation,
      String connections, String unused) {
    NetworkSpec spec = spec(activation, connections == null ? "" : connections, "", "", false);
    float[] theta = Initializer.initialTheta(new Network(spec), 4);
    // Biases far from 0, so that g(θ_i0) matters.
    ThetaLayout layout = new ThetaLayout(spec);
    for (int k = 1; k <= spec.depth(); k++) {
      for (int i = 0; i < spec.size(k); i++) {
        theta[layout.index(k, i, 0)] = 0.3f + 0.1f * i;
      }
    }
    boolean[][] removed = chosen(spec);
    float[] zeroed = theta.clone();
    boolean[] incoming = Selection.incomingWeights(spec, removed);
    for (int i = 0; i < zeroed.length; i++) {
      if (incoming[i]) {
        zeroed[i] = 0f;
      }
    }
    boolean[][] dead = UnitRemoval.deadUnits(spec, zeroed);
    for (int k = 1; k < spec.depth(); k++) {
      assertArrayEquals(removed[k], dead[k], "dead units of layer " + k);
    }
    UnitRemoval.Shrunk shrunk = UnitRemoval.remove(spec, zeroed, removed);
    assertArrayEquals(new int[] {5, 4, 5, 5, 3}, shrunk.spec().sizes());
    assertTrue(shrunk.theta().length < theta.length);
    int rows = 20;
    float[] x = new float[rows * 5];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    float[] full = outputs(spec, zeroed, x, rows);
    float[] small = outputs(shrunk.spec(), shrunk.theta(), x, rows);
    for (int i = 0; i < full.length; i++) {
      // Folding changes the order of additions only: measured differences ~1e-7.
      assertEquals(full[i], small[i], 1e-5f, "output " + i);
    }
    float[] unzeroed = outputs(spec, theta, x, rows);
    double moved = 0;
    for (int i = 0; i < full.length; i++) {
      moved += Math.abs(unzeroed[i] - full[i]);
    }
    assertTrue(moved > 1e-3, "zeroing the incoming weights changed nothing: no test");
  }

  @ParameterizedTest
  @CsvSource({
      // residual blocks: a removed unit in the block's first or last layer is refused
      "'', 1-2, '', 1, 1, 'starts residual block 1-2'",
      "'', 1-2, '', 2, 0, 'ends residual block 1-2'",
      "'', 2-3, '', 3, 5, 'ends residual block 2-3'",
      "'3<-1,2', 2-3, '', 2, 4, 'starts residual block 2-3'",
      "'3<-1,2', 1-3, '', 1, 1, 'starts residual block 1-3'",
      // normalization
      "'', '', layer:1, 1, 1, 'layer-normalized'",
      "'', '', batch:2, 2, 0, 'batch-normalized'",
      "'3<-1,2', '', layer:3, 3, 5, 'layer-normalized'"})
  void unitsThatCannotBeRemovedConsistentlyAreRefusedByLayerAndUnit(String connections,
      String residual, String norm, int layer, int unit, String reason) {
    NetworkSpec spec = spec("relu", connections, residual, norm, true);
    float[] theta = Initializer.initialTheta(new Network(spec), 4);
    boolean[][] removed = new boolean[spec.depth() + 1][];
    for (int k = 0; k <= spec.depth(); k++) {
      removed[k] = new boolean[spec.size(k)];
    }
    removed[layer][unit] = true;
    UnitNotRemovableException e = assertThrows(UnitNotRemovableException.class,
        () -> UnitRemoval.remove(spec, theta, removed));
    assertEquals(layer, e.layer());
    assertEquals(unit, e.unit());
    assertTrue(e.getMessage().startsWith("unit " + unit + " of layer " + layer + " cannot be"
        + " removed: "), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"'', 1-2", "'3<-1,2', 2-3"})
  void layersOutsideResidualBlocksShrinkBesideThem(String connections, String residual) {
    NetworkSpec spec = spec("relu", connections, residual, "", true);
    int free = residual.equals("1-2") ? 3 : 1;
    float[] theta = Initializer.initialTheta(new Network(spec), 4);
    boolean[][] removed = new boolean[spec.depth() + 1][];
    for (int k = 0; k <= spec.depth(); k++) {
      removed[k] = new boolean[spec.size(k)];
    }
    removed[free][2] = true;
    boolean[] incoming = Selection.incomingWeights(spec, removed);
    for (int i = 0; i < theta.length; i++) {
      if (incoming[i]) {
        theta[i] = 0f;
      }
    }
    UnitRemoval.Shrunk shrunk = UnitRemoval.remove(spec, theta, removed);
    assertEquals(spec.size(free) - 1, shrunk.spec().size(free));
    float[] x = new float[4 * 5];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 7) * 0.3f - 1f;
    }
    float[] a = outputs(spec, theta, x, 4);
    float[] b = outputs(shrunk.spec(), shrunk.theta(), x, 4);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-5f, "output " + i);
    }
  }
}
