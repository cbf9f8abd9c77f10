package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;

class ModelFileTest {

  private static final NetworkSpec SPEC = new NetworkSpec(new int[] {3, 5, 2},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy());

  @Test
  void roundTrip(@TempDir Path dir) throws Exception {
    float[] theta = Initializer.initialTheta(new Network(SPEC), 4);
    ModelFile.write(dir.resolve("m"), SPEC, theta);
    ModelFile.Loaded loaded = ModelFile.read(dir.resolve("m"));
    assertEquals(SPEC, loaded.network().spec());
    assertArrayEquals(theta, loaded.theta());
  }

  @Test
  void notAModel(@TempDir Path dir) {
    String m = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(dir)).getMessage();
    assertTrue(m.contains("is not a sparkprop model"), m);
  }

  @Test
  void shapeMismatch(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m");
    ModelFile.write(m, SPEC, Initializer.initialTheta(new Network(SPEC), 4));
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(m.resolve("theta.bin")))) {
      out.writeInt(7);
      for (int i = 0; i < 7; i++) {
        out.writeFloat(0f);
      }
    }
    String msg = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(m)).getMessage();
    assertTrue(msg.contains("holds 7 parameters") && msg.contains("need 32"), msg);
  }
}
