package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.train.TrainingState;

/**
 * Checkpoints on a store without rename, incomplete ones skipped, the format before the marker
 * still read, and the lease that keeps two fits with the same settings apart.
 */
class CheckpointStoreTest {

  private static final Map<String, String> SETTINGS = Map.of("layers", "2,4,2", "seed", "1",
      "epochs", "10", "data.train", "xor");

  private static Configuration hadoop() {
    Configuration conf = new Configuration();
    NoRenameFileSystem.register(conf);
    return conf;
  }

  private static CheckpointStore store(String dir, Map<String, String> settings) {
    return new CheckpointStore(dir, 1, 2, settings, null, hadoop());
  }

  private static TrainingState state(int epochs) {
    float[] theta = {epochs, 0.5f, -1f};
    return new TrainingState(epochs, 10L * epochs, theta, List.of(new float[] {0.25f, 0f, 1f}),
        10L * epochs, 0.5 / epochs, 0, Double.NaN, null, null, List.of());
  }

  /** The one run-F directory of a checkpoint directory. */
  private static Path runDirectory(Path base) throws Exception {
    try (Stream<Path> runs = Files.list(base)) {
      List<Path> found = runs.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
      assertEquals(1, found.size(), found.toString());
      return found.get(0);
    }
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void checkpointsOnAStoreWithoutRenameAreWrittenKeptAndReadBack(@TempDir Path dir)
      throws Exception {
    String uri = NoRenameFileSystem.uri(dir);
    try (CheckpointStore store = store(uri, SETTINGS)) {
      for (int e = 1; e <= 3; e++) {
        store.save(state(e));
      }
      assertTrue(store.rddDirectory().isPresent(), "norename is in no list of schemes");
    }
    Path run = runDirectory(dir);
    assertEquals("run-" + CheckpointStore.fingerprint(SETTINGS), run.getFileName().toString());
    assertEquals(List.of("ckpt-000002", "ckpt-000003"), names(run), "kept 2, lease released");
    assertEquals(List.of(HadoopOutput.MARKER, "arrays.bin", "state.json"),
        names(run.resolve("ckpt-000003")));
    // A later fit with the same settings resumes from the newest.
    try (CheckpointStore again = store(uri, SETTINGS)) {
      TrainingState latest = again.latest();
      assertEquals(3, latest.epochs());
      assertArrayEquals(state(3).theta(), latest.theta());
      assertArrayEquals(state(3).optimizerArrays().get(0), latest.optimizerArrays().get(0));
    }
  }

  @Test
  void aCheckpointWithoutItsMarkerIsSkipped(@TempDir Path dir) throws Exception {
    String uri = NoRenameFileSystem.uri(dir);
    try (CheckpointStore store = store(uri, SETTINGS)) {
      store.save(state(1));
      store.save(state(2));
    }
    // A crash while epoch 2 was written: its files are there, the marker is not.
    Path run = runDirectory(dir);
    Files.delete(run.resolve("ckpt-000002").resolve(HadoopOutput.MARKER));
    try (CheckpointStore store = store(uri, SETTINGS)) {
      assertEquals(1, store.latest().epochs());
      // Going on from epoch 1 replaces the leftover.
      store.save(state(2));
      assertEquals(2, store.latest().epochs());
    }
    assertTrue(Files.exists(run.resolve("ckpt-000002").resolve(HadoopOutput.MARKER)));
  }

  @Test
  void checkpointsOfTheFormatBeforeTheMarkerStillLoad(@TempDir Path dir) throws Exception {
    // Version 2's layout: ckpt-EEEEEE directly in the checkpoint directory, no marker.
    Path old = dir.resolve("ckpt-000004");
    Files.createDirectories(old);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("format", "sparkprop-checkpoint");
    root.put("formatVersion", 2);
    root.put("epochs", 4);
    root.put("updates", 40);
    root.put("optimizerStep", 40);
    root.put("previousLoss", 0.125);
    root.put("bestEpoch", 0);
    root.put("bestLoss", Double.NaN);
    ObjectNode s = root.putObject("settings");
    SETTINGS.forEach(s::put);
    root.putArray("history");
    json.writeValue(old.resolve("state.json").toFile(), root);
    try (DataOutputStream out = new DataOutputStream(
        Files.newOutputStream(old.resolve("arrays.bin")))) {
      float[][] arrays = {{4f, 0.5f, -1f}, {0.25f, 0f, 1f}, {}, {}, {}};
      out.writeInt(arrays.length);
      for (float[] a : arrays) {
        out.writeInt(a.length);
        for (float v : a) {
          out.writeFloat(v);
        }
      }
    }
    try (CheckpointStore store = store(NoRenameFileSystem.uri(dir), SETTINGS)) {
      TrainingState latest = store.latest();
      assertEquals(4, latest.epochs());
      assertArrayEquals(new float[] {4f, 0.5f, -1f}, latest.theta());
      assertEquals(0.125, latest.previousLoss());
      // Going on, it writes into its own directory.
      store.save(state(5));
      assertEquals(5, store.latest().epochs());
    }
    assertEquals(List.of("ckpt-000005"), names(runDirectory(dir)));
  }

  /** Saves epochs 1 and 2 into {@code dir}; returns the directory of epoch 2's checkpoint. */
  private static Path twoCheckpoints(Path dir) throws Exception {
    try (CheckpointStore store = store(dir.toUri().toString(), SETTINGS)) {
      store.save(state(1));
      store.save(state(2));
    }
    return runDirectory(dir).resolve("ckpt-000002");
  }

  /** What resuming from {@code dir} gives: the epoch of the state read back. */
  private static int resumedEpoch(Path dir) {
    try (CheckpointStore store = store(dir.toUri().toString(), SETTINGS)) {
      return resumedEpoch(store);
    }
  }

  private static int resumedEpoch(CheckpointStore store) {
    TrainingState latest = store.latest();
    if (latest.epochs() == 1) {
      assertArrayEquals(state(1).theta(), latest.theta());
    }
    return latest.epochs();
  }

  @Test
  void aCheckpointTruncatedAtAnyByteFallsBackToTheOneBefore(@TempDir Path dir) throws Exception {
    Path newest = twoCheckpoints(dir);
    int tried = 0;
    try (CheckpointStore store = store(dir.toUri().toString(), SETTINGS)) {
      for (String file : List.of("arrays.bin", "state.json")) {
        Path path = newest.resolve(file);
        byte[] whole = Files.readAllBytes(path);
        for (int length = 0; length < whole.length; length++) {
          Files.write(path, java.util.Arrays.copyOf(whole, length));
          assertEquals(1, resumedEpoch(store), file + " truncated to " + length + " bytes");
          tried++;
        }
        Files.write(path, whole);
        assertEquals(2, resumedEpoch(store), "whole again");
      }
    }
    assertTrue(tried > 100, "tried " + tried);
  }

  @Test
  void aCheckpointWithAFlippedByteFallsBackToTheOneBefore(@TempDir Path dir) throws Exception {
    Path newest = twoCheckpoints(dir);
    try (CheckpointStore store = store(dir.toUri().toString(), SETTINGS)) {
      for (String file : List.of("arrays.bin", "state.json")) {
        Path path = newest.resolve(file);
        byte[] whole = Files.readAllBytes(path);
        for (int at = 0; at < whole.length; at++) {
          byte[] flipped = whole.clone();
          flipped[at] ^= 0x10;
          Files.write(path, flipped);
          assertEquals(1, resumedEpoch(store), file + " with byte " + at + " flipped");
        }
        Files.write(path, whole);
      }
    }
    assertEquals(2, resumedEpoch(dir));
  }

  @Test
  void aHugeDeclaredLengthIsRefusedBeforeAllocating(@TempDir Path dir) throws Exception {
    Path newest = twoCheckpoints(dir);
    Path arrays = newest.resolve("arrays.bin");
    byte[] bytes = Files.readAllBytes(arrays);
    // The first array's length, after magic, version, state checksum and count.
    java.nio.ByteBuffer.wrap(bytes).putInt(16, Integer.MAX_VALUE - 8);
    Files.write(arrays, bytes);
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
        () -> CheckpointArrays.read(new java.io.ByteArrayInputStream(bytes), bytes.length,
            CheckpointStore.FORMAT_VERSION, "arrays.bin"));
    assertTrue(e.getMessage().contains("array 0 declares 2147483639 values"), e.getMessage());
    assertEquals(1, resumedEpoch(dir));
  }

  @Test
  void whenEveryCheckpointIsCorruptResumingIsRefusedSayingWhy(@TempDir Path dir)
      throws Exception {
    Path newest = twoCheckpoints(dir);
    for (Path ckpt : List.of(newest, newest.resolveSibling("ckpt-000001"))) {
      Files.write(ckpt.resolve("arrays.bin"), new byte[] {1, 2, 3});
    }
    try (CheckpointStore store = store(dir.toUri().toString(), SETTINGS)) {
      String m = assertThrows(IllegalArgumentException.class, store::latest).getMessage();
      assertTrue(m.contains("no valid checkpoint") && m.contains("ckpt-000001")
          && m.contains("ckpt-000002"), m);
    }
  }

  @Test
  void aCheckpointOfANewerFormatIsRefusedNamingBothVersions(@TempDir Path dir)
      throws Exception {
    Path newest = twoCheckpoints(dir);
    Path json = newest.resolve("state.json");
    Files.writeString(json, Files.readString(json).replace("\"formatVersion\" : "
        + CheckpointStore.FORMAT_VERSION, "\"formatVersion\" : 99"));
    Path arrays = newest.resolve("arrays.bin");
    byte[] bytes = Files.readAllBytes(arrays);
    java.nio.ByteBuffer.wrap(bytes).putInt(4, 99);
    Files.write(arrays, bytes);
    try (CheckpointStore store = store(dir.toUri().toString(), SETTINGS)) {
      UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
          store::latest);
      assertEquals(99, e.found());
      assertEquals(CheckpointStore.FORMAT_VERSION, e.supported());
      assertTrue(e.getMessage().contains("format version 99")
          && e.getMessage().contains("up to " + CheckpointStore.FORMAT_VERSION), e.getMessage());
    }
  }

  @Test
  void leftoversOfUnfinishedWritesAreDeletedWhenAFitOpensItsDirectory(@TempDir Path dir)
      throws Exception {
    Path newest = twoCheckpoints(dir);
    Path partial = newest.resolveSibling(".ckpt-000003.1234.partial");
    Files.createDirectories(partial);
    Files.writeString(partial.resolve("state.json"), "{");
    try (CheckpointStore store = store(dir.toUri().toString(), SETTINGS)) {
      assertFalse(Files.exists(partial));
      assertEquals(2, store.latest().epochs());
    }
  }

  @Test
  void checkpointsWithinAnEpochSortAfterItsStartAndBeforeItsEnd(@TempDir Path dir)
      throws Exception {
    try (CheckpointStore store = new CheckpointStore(dir.toUri().toString(), 1, 5, 10,
        SETTINGS, null, hadoop())) {
      assertTrue(store.dueAfterUpdates(10) && !store.dueAfterUpdates(12));
      store.save(state(1));
      TrainingState mid = state(1);
      store.save(new TrainingState(1, 15, mid.theta(), mid.optimizerArrays(), 15, 0.5, 0,
          Double.NaN, null, null, List.of(),
          new org.sparkprop.train.EpochProgress(5, 2.5, 20, 20, 11, 0.125)));
      TrainingState latest = store.latest();
      assertEquals(1, latest.epochs());
      assertEquals(new org.sparkprop.train.EpochProgress(5, 2.5, 20, 20, 11, 0.125),
          latest.progress());
      store.save(state(2));
      assertEquals(List.of("ckpt-000001", "ckpt-000001-000005", "ckpt-000002"),
          names(runDirectory(dir)).stream().filter(n -> !n.startsWith("_")).toList());
      assertEquals(2, store.latest().epochs());
    }
  }

  @Test
  void resumingWithOtherSettingsNamesTheDifference(@TempDir Path dir) {
    String uri = NoRenameFileSystem.uri(dir);
    try (CheckpointStore store = store(uri, SETTINGS)) {
      store.save(state(1));
    }
    Map<String, String> other = new HashMap<>(SETTINGS);
    other.put("seed", "7");
    other.put("epochs", "20");
    try (CheckpointStore store = store(uri, other)) {
      String m = assertThrows(IllegalArgumentException.class, store::latest).getMessage();
      assertTrue(m.contains("was made with seed=1, this run has seed=7"), m);
    }
    try (CheckpointStore empty = store(NoRenameFileSystem.uri(dir.resolve("none")), SETTINGS)) {
      String m = assertThrows(IllegalArgumentException.class, empty::latest).getMessage();
      assertTrue(m.contains("no checkpoint in"), m);
    }
  }

  @Test
  void onlyTheSettingsThatMustMatchMakeTheFingerprint() {
    Map<String, String> more = new HashMap<>(SETTINGS);
    more.put("epochs", "99");
    more.put("checkpointDir", "/elsewhere");
    more.put("master", "local[4]");
    assertEquals(CheckpointStore.fingerprint(SETTINGS), CheckpointStore.fingerprint(more));
    more.put("data.train", "spirals");
    assertNotEquals(CheckpointStore.fingerprint(SETTINGS), CheckpointStore.fingerprint(more));
    assertTrue(CheckpointStore.fingerprint(SETTINGS).matches("[0-9a-f]{16}"));
  }

  @Test
  void twoFitsWithTheSameSettingsNeverShareADirectory(@TempDir Path dir) throws Exception {
    String uri = dir.toUri().toString();
    Map<String, String> other = new HashMap<>(SETTINGS);
    other.put("seed", "2");
    try (CheckpointStore first = store(uri, SETTINGS);
        CheckpointStore different = store(uri, other)) {
      assertNotEquals(first.uri(), different.uri());
      CheckpointInUseException busy = assertThrows(CheckpointInUseException.class,
          () -> store(uri, SETTINGS));
      assertEquals(first.uri().toString(), busy.directory());
      assertTrue(busy.getMessage().contains("is in use by another fit with the same settings")
          && busy.getMessage().contains(first.uri().toString()), busy.getMessage());
    }
    // Released at the end of the fit: the next one goes.
    try (CheckpointStore next = store(uri, SETTINGS)) {
      next.save(state(1));
    }
  }

  @Test
  void anAbandonedLeaseIsTakenOver(@TempDir Path dir) throws Exception {
    String uri = dir.toUri().toString();
    Path lease = dir.resolve("run-" + CheckpointStore.fingerprint(SETTINGS)).resolve("_LEASE");
    Files.createDirectories(lease.getParent());
    Files.writeString(lease, "{\"holder\": \"1@gone\", \"since\": \"then\", \"token\": \"t\"}");
    assertThrows(CheckpointInUseException.class, () -> store(uri, SETTINGS), "a fresh lease");
    // Not renewed for longer than the lease lasts: its fit died.
    Files.setLastModifiedTime(lease, java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() - 1000L * (CheckpointLease.DEFAULT_SECONDS + 60)));
    try (CheckpointStore store = store(uri, SETTINGS)) {
      assertTrue(Files.readString(lease).contains("\"token\""));
      assertTrue(!Files.readString(lease).contains("1@gone"));
    }
    assertTrue(!Files.exists(lease), "released");
  }
}
