package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.spark.IncompleteOutputException;
import org.sparkprop.spark.NoRenameFileSystem;
import org.sparkprop.spark.OutputExistsException;

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

  private static Configuration hadoop() {
    Configuration conf = new Configuration();
    NoRenameFileSystem.register(conf);
    return conf;
  }

  private static org.apache.hadoop.fs.Path noRename(Path local) {
    return new org.apache.hadoop.fs.Path(NoRenameFileSystem.uri(local));
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc"))
          .sorted().toList();
    }
  }

  @Test
  void roundTripOnAStoreWithoutRename(@TempDir Path dir) throws Exception {
    float[] theta = Initializer.initialTheta(new Network(SPEC), 4);
    ModelFile.write(noRename(dir.resolve("m")), SPEC, theta, hadoop());
    assertEquals(List.of("m"), names(dir), "nothing written beside the model");
    assertEquals(List.of(HadoopOutput.MARKER, "model.json", "theta.bin"), names(dir.resolve("m")));
    ModelFile.Loaded loaded = ModelFile.read(noRename(dir.resolve("m")), hadoop());
    assertEquals(SPEC, loaded.network().spec());
    assertArrayEquals(theta, loaded.theta());
    // The same files, read through the local file system.
    assertArrayEquals(theta, ModelFile.read(dir.resolve("m")).theta());
  }

  @Test
  void aModelWithoutItsMarkerIsRefused(@TempDir Path dir) throws Exception {
    ModelFile.write(noRename(dir.resolve("m")), SPEC, Initializer.initialTheta(new Network(SPEC), 4),
        hadoop());
    // A crash before the marker: every file is there, but the write did not finish.
    Files.delete(dir.resolve("m").resolve(HadoopOutput.MARKER));
    String m = assertThrows(IncompleteOutputException.class,
        () -> ModelFile.read(noRename(dir.resolve("m")), hadoop())).getMessage();
    assertTrue(m.contains("is an incomplete sparkprop model") && m.contains(HadoopOutput.MARKER),
        m);
    // A crash while model.json was written.
    Files.writeString(dir.resolve("m/model.json"), "{\"format\": \"sparkprop-m");
    assertThrows(IncompleteOutputException.class,
        () -> ModelFile.read(noRename(dir.resolve("m")), hadoop()));
  }

  @Test
  void aModelOfTheVersionBeforeTheMarkerStillLoads(@TempDir Path dir) throws Exception {
    float[] theta = Initializer.initialTheta(new Network(SPEC), 4);
    Path m = dir.resolve("m");
    ModelFile.write(m, SPEC, theta);
    // Version 2's layout: the same files, no marker.
    ObjectMapper json = new ObjectMapper();
    ObjectNode meta = (ObjectNode) json.readTree(m.resolve("model.json").toFile());
    meta.put("formatVersion", 2);
    json.writeValue(m.resolve("model.json").toFile(), meta);
    Files.delete(m.resolve(HadoopOutput.MARKER));
    ModelFile.Loaded loaded = ModelFile.read(noRename(m), hadoop());
    assertEquals(SPEC, loaded.network().spec());
    assertArrayEquals(theta, loaded.theta());
  }

  /** Softsign was called "fast" by earlier versions, in the model files they wrote too. */
  @Test
  void aModelThatNamesSoftsignFastStillLoads(@TempDir Path dir) throws Exception {
    NetworkSpec softsign = new NetworkSpec(new int[] {3, 5, 2}, Activations.parse("softsign"),
        new Softmax(), new CrossEntropy());
    float[] theta = Initializer.initialTheta(new Network(softsign), 4);
    Path m = dir.resolve("m");
    ModelFile.write(m, softsign, theta);
    ObjectMapper json = new ObjectMapper();
    ObjectNode meta = (ObjectNode) json.readTree(m.resolve("model.json").toFile());
    assertEquals("softsign", meta.path("activation").asText());
    meta.put("activation", "fast");
    json.writeValue(m.resolve("model.json").toFile(), meta);
    ModelFile.Loaded loaded = ModelFile.read(m);
    assertEquals(softsign, loaded.network().spec());
    assertEquals("softsign", loaded.network().spec().hidden().name());
    assertArrayEquals(theta, loaded.theta());
    float[] x = {0.5f, -2f, 3f};
    Network original = new Network(softsign);
    assertArrayEquals(original.forward(theta, x, 0, 1, original.newWorkspace(1)),
        loaded.network().forward(theta, x, 0, 1, loaded.network().newWorkspace(1)));
  }

  @Test
  void anExistingModelIsNeverOverwritten(@TempDir Path dir) throws Exception {
    float[] first = Initializer.initialTheta(new Network(SPEC), 4);
    ModelFile.write(noRename(dir.resolve("m")), SPEC, first, hadoop());
    String m = assertThrows(OutputExistsException.class, () -> ModelFile.write(
        noRename(dir.resolve("m")), SPEC, Initializer.initialTheta(new Network(SPEC), 5),
        hadoop())).getMessage();
    assertTrue(m.contains("a model is never overwritten"), m);
    assertArrayEquals(first, ModelFile.read(noRename(dir.resolve("m")), hadoop()).theta());
  }
}
