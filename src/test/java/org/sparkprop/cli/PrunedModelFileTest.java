package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.ThetaLayout;
import org.sparkprop.prune.UnitRemoval;

/**
 * A pruned model is stored without its zeros (format 4) and predicts bit for bit what the
 * weights it was written from predict; a dense model in the version-3 layout still loads.
 */
class PrunedModelFileTest {

  private static final NetworkSpec SPEC = new NetworkSpec(new int[] {20, 32, 16, 4},
      Activations.parse("relu"), new Softmax(), new CrossEntropy());

  private static float[] pruned(double fraction) {
    float[] theta = Initializer.initialTheta(new Network(SPEC), 5);
    boolean[] weights = new ThetaLayout(SPEC).weightMask();
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < theta.length; i++) {
      if (weights[i] && r.nextDouble() < fraction) {
        theta[i] = 0f;
      }
    }
    theta[weights.length - 1] = -0f; // −0 is kept as it is
    return theta;
  }

  private static float[] predict(Network net, float[] theta) {
    float[] x = new float[10 * 20];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 13) * 0.1f - 0.6f;
    }
    return net.forward(theta, x, 0, 10, net.newWorkspace(10)).clone();
  }

  private static long bytes(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  @Test
  void aPrunedModelIsStoredSparseAndLoadsBitForBit(@TempDir Path dir) throws Exception {
    float[] theta = pruned(0.9);
    ModelFile.write(dir.resolve("sparse"), SPEC, theta);
    ModelFile.write(dir.resolve("dense"), SPEC, Initializer.initialTheta(new Network(SPEC), 5));
    assertTrue(Files.exists(dir.resolve("sparse").resolve(SparseTheta.FILE)));
    assertFalse(Files.exists(dir.resolve("sparse").resolve("theta.bin")));
    assertTrue(Files.exists(dir.resolve("dense").resolve("theta.bin")));
    ModelFile.Loaded back = ModelFile.read(dir.resolve("sparse"));
    assertEquals(theta.length, back.theta().length);
    for (int i = 0; i < theta.length; i++) {
      assertEquals(Float.floatToRawIntBits(theta[i]), Float.floatToRawIntBits(back.theta()[i]),
          "θ_" + i);
    }
    assertArrayEquals(predict(new Network(SPEC), theta), predict(back.network(), back.theta()));
    long sparse = Files.size(dir.resolve("sparse").resolve(SparseTheta.FILE));
    long dense = Files.size(dir.resolve("dense").resolve("theta.bin"));
    assertEquals(SparseTheta.bytes(theta), sparse);
    // 10 % of the weights and the biases, plus a bit per entry: under a fifth of dense.
    assertTrue(sparse < dense / 5, sparse + " vs " + dense);
    assertTrue(bytes(dir.resolve("sparse")) < bytes(dir.resolve("dense")));
  }

  @Test
  void aShrunkModelIsSavedWithItsSmallerLayers(@TempDir Path dir) throws Exception {
    float[] theta = Initializer.initialTheta(new Network(SPEC), 5);
    ThetaLayout layout = new ThetaLayout(SPEC);
    for (int i = 0; i < 32; i += 2) { // every other unit of layer 1 loses its inputs
      int row = layout.index(1, i, 0);
      java.util.Arrays.fill(theta, row + 1, row + layout.rowLength(1), 0f);
    }
    UnitRemoval.Shrunk shrunk = UnitRemoval.remove(SPEC, theta,
        UnitRemoval.deadUnits(SPEC, theta));
    ModelFile.write(dir.resolve("m"), shrunk.spec(), shrunk.theta());
    ModelFile.Loaded back = ModelFile.read(dir.resolve("m"));
    assertArrayEquals(new int[] {20, 16, 16, 4}, back.network().spec().sizes());
    float[] full = predict(new Network(SPEC), theta);
    float[] small = predict(back.network(), back.theta());
    for (int i = 0; i < full.length; i++) {
      assertEquals(full[i], small[i], 1e-6f, "output " + i);
    }
  }

  @Test
  void aDenseModelInTheVersion3LayoutStillLoads(@TempDir Path dir) throws Exception {
    float[] theta = Initializer.initialTheta(new Network(SPEC), 7);
    Path m = dir.resolve("m");
    ModelFile.write(m, SPEC, theta);
    Path meta = m.resolve("model.json");
    String json = Files.readString(meta);
    assertTrue(json.contains("\"formatVersion\" : " + ModelFile.FORMAT_VERSION), json);
    // Version 3 wrote the same files without the "theta" field.
    Files.writeString(meta, json.replace("\"formatVersion\" : " + ModelFile.FORMAT_VERSION,
        "\"formatVersion\" : 3").replaceAll(",\\s*\"theta\" : \"dense\"", ""));
    assertFalse(Files.readString(meta).contains("\"theta\""));
    ModelFile.Loaded back = ModelFile.read(m);
    assertArrayEquals(theta, back.theta());
  }
}
