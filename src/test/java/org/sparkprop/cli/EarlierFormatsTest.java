package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.CheckpointStore;
import org.sparkprop.train.TrainingState;

/**
 * Every model and checkpoint format sparkprop has written still loads. The fixtures in
 * {@code src/test/resources/formats/vN} were written by the command line of the commit that
 * introduced (checkpoint, model) format N (1: d1e59a8, 2: e9e6d7f, 3: 9ff38ef): 2 epochs of
 * adam on 40 xor rows, layers 2,3,2 (from version 2 with batch norm on layer 1), so the last
 * checkpoint and the model hold the same Θ and network state.
 */
class EarlierFormatsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path fixture(int version) {
    return Path.of("src/test/resources/formats/v" + version);
  }

  /** A copy of {@code from} in {@code to} (the store takes a lease in its directory). */
  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static Path stateJson(Path checkpoints) throws Exception {
    try (Stream<Path> all = Files.walk(checkpoints)) {
      List<Path> found = all.filter(p -> p.getFileName().toString().equals("state.json"))
          .toList();
      assertEquals(1, found.size(), found.toString());
      return found.get(0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void theModelAndTheCheckpointOfEveryEarlierVersionLoad(int version, @TempDir Path dir)
      throws Exception {
    ModelFile.Loaded model = ModelFile.read(fixture(version).resolve("model"));
    int parameters = version == 1 ? 17 : 23;
    assertEquals(parameters, model.theta().length, "layers 2,3,2 (and batch norm's 2 x 3)");
    assertEquals(version == 1 ? 0 : 6, model.network().state().size(),
        "batch norm's running mean and variance of 3 units");

    Path checkpoints = dir.resolve("checkpoints");
    copy(fixture(version).resolve("checkpoints"), checkpoints);
    JsonNode state = JSON.readTree(stateJson(checkpoints).toFile());
    assertEquals(version, state.path("formatVersion").asInt());
    Map<String, String> settings = new HashMap<>();
    state.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(),
        e.getValue().asText()));
    Network network = new Network(model.network().spec());
    try (CheckpointStore store = new CheckpointStore(checkpoints.toString(), 1, 1, settings,
        network.state(), new Configuration())) {
      TrainingState loaded = store.latest();
      assertEquals(2, loaded.epochs());
      assertEquals(2, loaded.history().size());
      assertArrayEquals(model.theta(), loaded.theta(), "the model is the last checkpoint's Θ");
      assertEquals(2, loaded.optimizerArrays().size(), "adam's two moments");
      assertTrue(loaded.optimizerArrays().stream().allMatch(a -> a.length == parameters));
      assertArrayEquals(model.network().state().values(), network.state().values());
      // Going on, the store writes the current format next to it.
      store.save(loaded);
      assertEquals(loaded.epochs(), store.latest().epochs());
    }
  }

  @org.junit.jupiter.api.Test
  void aModelOfANewerFormatIsRefusedNamingBothVersions(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("model");
    copy(fixture(3).resolve("model"), model);
    Path meta = model.resolve("model.json");
    Files.writeString(meta, Files.readString(meta).replace("\"formatVersion\" : 3",
        "\"formatVersion\" : 9"));
    org.sparkprop.spark.UnsupportedFormatException e = org.junit.jupiter.api.Assertions
        .assertThrows(org.sparkprop.spark.UnsupportedFormatException.class,
            () -> ModelFile.read(model));
    assertEquals(9, e.found());
    assertEquals(ModelFile.FORMAT_VERSION, e.supported());
    assertTrue(e.getMessage().contains("format version 9") && e.getMessage().contains("up to "
        + ModelFile.FORMAT_VERSION), e.getMessage());
  }
}
