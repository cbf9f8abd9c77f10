package org.sparkprop.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.sparkprop.nn.NetworkState;
import org.sparkprop.train.Checkpointer;
import org.sparkprop.train.EpochProgress;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.Settings;
import org.sparkprop.train.TrainingState;

/**
 * Checkpoints on any Hadoop file system (a local path, hdfs://, s3a:// …): every
 * {@code every} epochs the training state goes into {@code DIR/run-F/ckpt-EEEEEE/} as
 * {@code state.json} (epoch, counters, the settings) and {@code arrays.bin} (Θ, the optimizer's
 * arrays, the best weights and the network state that goes with them, the network's
 * non-trainable state; big-endian float32, each after its length; the CRC32C of state.json and
 * of itself, see {@link CheckpointArrays}), published with
 * {@link HadoopOutput}'s protocol: a checkpoint without the marker {@value HadoopOutput#MARKER}
 * is incomplete and never read. The newest {@code keep} are kept. No Java serialization: a
 * checkpoint is data, never code.
 *
 * <p>{@code F} is the {@link #fingerprint} of the settings that must match to resume (all but
 * {@link #RESUMABLE_CHANGES}; the data paths are settings too): fits with other settings never
 * share a directory, and a resumed fit finds its own. A fit holds the {@link CheckpointLease} of
 * its directory from construction to {@link #close}, so two fits with the same settings never
 * write the same checkpoints at once. Checkpoints of earlier versions, directly in {@code DIR},
 * are still found by {@link #latest}, which falls back to an older checkpoint past a corrupt
 * one. With {@code everyUpdates} &gt; 0 a checkpoint is also written within an epoch every that
 * many updates, as {@code ckpt-EEEEEE-IIIIII} (E epochs and I batches of the next done).
 */
public final class CheckpointStore implements Checkpointer, AutoCloseable {

  /**
   * Bumped whenever the layout of a checkpoint changes. Version 3 adds the marker and the
   * per-settings directory; version 2 checkpoints (complete as found: they were renamed into
   * place) are still read, as are those of version 1 (without the network state and the best
   * epoch's). Version 4 adds the checksums and the position within an epoch.
   */
  public static final int FORMAT_VERSION = 4;

  /** The largest state.json read (its history grows by about 250 bytes an epoch). */
  static final long MAX_STATE_BYTES = 256L << 20;

  private static final Logger LOG = LogManager.getLogger(CheckpointStore.class);

  private static final int OLDEST_READ = 1;

  /**
   * Settings that may change between a run and its resumption ({@code sync}: step, barrier and
   * auto train the same bits).
   */
  static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "master", "checkpointDir",
      "checkpointEvery", "checkpointKeep", "checkpointEveryUpdates", "sync");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> DEFAULTS = Settings.defaults().values();
  private static final String PREFIX = "ckpt-";
  private static final String RUN_PREFIX = "run-";

  private final Path base;
  private final Path dir;
  private final FileSystem fs;
  private final HadoopOutput output;
  private final CheckpointLease lease;
  private final int every;
  private final int everyUpdates;
  private final int keep;
  private final Map<String, String> settings;
  private final NetworkState networkState;

  /**
   * Opens the checkpoints of a fit with {@code settings} in {@code dir} and takes the lease of
   * their directory, {@code dir/run-F}: close the store at the end of the fit.
   *
   * @param networkState the network's non-trainable state (standardization, batch-norm running
   *     statistics), saved with every checkpoint and loaded back by {@link #latest()}; may be null
   * @throws CheckpointInUseException when a fit with the same settings holds it
   */
  public CheckpointStore(String dir, int every, int keep, Map<String, String> settings,
      NetworkState networkState, Configuration hadoop) {
    this(dir, every, 0, keep, settings, networkState, hadoop);
  }

  /**
   * As {@link #CheckpointStore(String, int, int, Map, NetworkState, Configuration)}, with a
   * checkpoint within an epoch every {@code everyUpdates} updates (0: none). Leftovers of writes
   * a crash interrupted ({@code .ckpt-*.partial}) are deleted once the lease is taken.
   */
  public CheckpointStore(String dir, int every, int everyUpdates, int keep,
      Map<String, String> settings, NetworkState networkState, Configuration hadoop) {
    if (everyUpdates < 0) {
      throw new IllegalArgumentException("CheckpointStore: checkpointEveryUpdates is "
          + everyUpdates + ", must be >= 0");
    }
    this.everyUpdates = everyUpdates;
    this.networkState = networkState;
    this.every = every;
    this.keep = keep;
    this.settings = Map.copyOf(settings);
    try {
      this.output = HadoopOutput.of(new Path(dir), hadoop);
      this.fs = output.fs();
      this.base = output.qualify(new Path(dir));
      this.dir = new Path(base, RUN_PREFIX + fingerprint(settings));
      this.lease = CheckpointLease.take(fs, this.dir, hadoop);
      prunePartials();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open checkpoint directory " + dir, e);
    }
  }

  /**
   * 16 hex digits of the SHA-256 of the settings (name=value lines in name order) that must
   * match to resume: all but {@link #RESUMABLE_CHANGES}.
   */
  public static String fingerprint(Map<String, String> settings) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(settings).forEach((name, value) -> {
      if (!RESUMABLE_CHANGES.contains(name)) {
        text.append(name).append('=').append(value).append('\n');
      }
    });
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", hash[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Where Spark may checkpoint this fit's RDDs ({@code run-F/rdd}), or empty on a store without
   * atomic rename, which Spark's RDD checkpoints need (the cached data then keeps its lineage).
   */
  public Optional<String> rddDirectory() {
    return output.renames() ? Optional.of(new Path(dir, "rdd").toString()) : Optional.empty();
  }

  @Override
  public boolean due(int epochs) {
    return epochs % every == 0;
  }

  @Override
  public boolean dueAfterUpdates(long updates) {
    return everyUpdates > 0 && updates % everyUpdates == 0;
  }

  /** The name of the checkpoint of {@code state}: ckpt-EEEEEE, or ckpt-EEEEEE-IIIIII mid-epoch. */
  static String name(TrainingState state) {
    int iteration = state.progress().iteration();
    return iteration == 0 ? String.format("%s%06d", PREFIX, state.epochs())
        : String.format("%s%06d-%06d", PREFIX, state.epochs(), iteration);
  }

  @Override
  public void save(TrainingState state) {
    String name = name(state);
    Path target = new Path(dir, name);
    try {
      byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(describe(state));
      List<float[]> arrays = new ArrayList<>();
      arrays.add(state.theta());
      arrays.addAll(state.optimizerArrays());
      arrays.add(state.bestTheta() == null ? new float[0] : state.bestTheta());
      arrays.add(state.bestNetworkState() == null ? new float[0] : state.bestNetworkState());
      arrays.add(networkState == null ? new float[0] : networkState.values());
      output.replaceDirectory(target, (fs, files) -> {
        try (var out = fs.create(new Path(files, "state.json"), false)) {
          out.write(json);
        }
        try (var out = new java.io.BufferedOutputStream(
            fs.create(new Path(files, "arrays.bin"), false), 1 << 16)) {
          CheckpointArrays.write(out, FORMAT_VERSION, CheckpointArrays.checksum(json), arrays);
        }
      });
      prune(name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
  }

  private ObjectNode describe(TrainingState state) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "sparkprop-checkpoint");
    root.put("formatVersion", FORMAT_VERSION);
    root.put("epochs", state.epochs());
    root.put("updates", state.updates());
    root.put("optimizerStep", state.optimizerStep());
    root.put("previousLoss", state.previousLoss());
    root.put("bestEpoch", state.bestEpoch());
    root.put("bestLoss", state.bestLoss());
    root.set("progress", JSON.valueToTree(state.progress()));
    ObjectNode s = root.putObject("settings");
    new TreeMap<>(settings).forEach(s::put);
    ArrayNode history = root.putArray("history");
    for (EpochStats e : state.history()) {
      history.add(JSON.valueToTree(e));
    }
    return root;
  }

  /**
   * After checkpoint {@code saved}: deletes the complete checkpoints beyond the newest
   * {@code keep}, incomplete ones (a crash's leftovers) before it, and any after it (from an
   * earlier fit with these settings that went further, which this fit supersedes). Names sort
   * in training order.
   */
  private void prune(String saved) throws IOException {
    List<FileStatus> kept = new ArrayList<>();
    for (FileStatus f : checkpoints(dir)) {
      int order = f.getPath().getName().compareTo(saved);
      if (order > 0 || (order < 0 && !complete(f.getPath()))) {
        fs.delete(f.getPath(), true);
      } else {
        kept.add(f);
      }
    }
    for (int i = 0; i + keep < kept.size(); i++) {
      fs.delete(kept.get(i).getPath(), true);
    }
  }

  /** Deletes the hidden {@code .ckpt-*.partial} directories of writes that never finished. */
  private void prunePartials() throws IOException {
    if (!fs.exists(dir)) {
      return;
    }
    for (FileStatus f : fs.listStatus(dir, p -> p.getName().startsWith("." + PREFIX)
        && p.getName().endsWith(".partial"))) {
      LOG.warn("deleting {}: an unfinished checkpoint write", f.getPath());
      fs.delete(f.getPath(), true);
    }
  }

  /** Whether {@code name} is a checkpoint's: ckpt-EEEEEE or ckpt-EEEEEE-IIIIII. */
  private static boolean isCheckpointName(String name) {
    return name.matches(PREFIX + "[0-9]{6,}(-[0-9]{6,})?");
  }

  /** The checkpoint directories in {@code in}, complete or not, oldest first. */
  private List<FileStatus> checkpoints(Path in) throws IOException {
    if (!fs.exists(in)) {
      return List.of();
    }
    List<FileStatus> found = new ArrayList<>();
    for (FileStatus f : fs.listStatus(in, p -> p.getName().startsWith(PREFIX))) {
      if (f.isDirectory() && isCheckpointName(f.getPath().getName())) {
        found.add(f);
      }
    }
    found.sort(Comparator.comparing(f -> f.getPath().getName()));
    return found;
  }

  /** The complete checkpoints in {@code in}, oldest first; the others are logged. */
  private List<Path> completeIn(Path in) throws IOException {
    List<Path> found = new ArrayList<>();
    for (FileStatus f : checkpoints(in)) {
      if (complete(f.getPath())) {
        found.add(f.getPath());
      } else {
        LOG.warn("skipping checkpoint {}: incomplete (no {} marker)", f.getPath(),
            HadoopOutput.MARKER);
      }
    }
    return found;
  }

  /**
   * Whether a checkpoint is complete: it has the marker, or it is of a version before the marker
   * (published by rename alone, so complete as found).
   */
  private boolean complete(Path checkpoint) throws IOException {
    if (HadoopOutput.committed(fs, checkpoint)) {
      return true;
    }
    try (var in = fs.open(new Path(checkpoint, "state.json"))) {
      int version = JSON.readTree(in).path("formatVersion").asInt();
      return version >= 1 && version < 3;
    } catch (FileNotFoundException | JsonProcessingException e) {
      return false;
    }
  }

  /**
   * The newest complete and valid checkpoint of this fit's settings, checked against them: in
   * its own directory, else (written by an earlier version) directly in the checkpoint
   * directory. Corrupt checkpoints are skipped, newest first, each with a warning saying why.
   * When neither has one, the newest checkpoint of other settings is refused, naming the first
   * setting that differs (other than {@link #RESUMABLE_CHANGES}) and both values.
   *
   * @throws UnsupportedFormatException when the newest is of a newer format than this one reads
   */
  public TrainingState latest() {
    try {
      List<String> skipped = new ArrayList<>();
      Optional<TrainingState> own = newestValid(completeIn(dir), skipped);
      if (own.isPresent()) {
        return own.get();
      }
      Optional<TrainingState> older = newestValid(completeIn(base), skipped);
      if (older.isPresent()) {
        return older.get();
      }
      Path other = null;
      long newest = Long.MIN_VALUE;
      for (FileStatus run : fs.listStatus(base, p -> p.getName().startsWith(RUN_PREFIX))) {
        List<Path> theirs = run.isDirectory() && !run.getPath().getName().equals(dir.getName())
            ? completeIn(run.getPath()) : List.of();
        if (!theirs.isEmpty()) {
          Path last = theirs.get(theirs.size() - 1);
          long time = fs.getFileStatus(last).getModificationTime();
          if (time > newest) {
            newest = time;
            other = last;
          }
        }
      }
      if (other != null && skipped.isEmpty()) {
        return load(other);
      }
      throw new IllegalArgumentException("resume: no " + (skipped.isEmpty() ? "" : "valid ")
          + "checkpoint in " + base + " for these settings (looked in " + dir + ")"
          + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoints in " + base, e);
    }
  }

  /** The newest of {@code complete} that loads, noting in {@code skipped} the corrupt ones. */
  private Optional<TrainingState> newestValid(List<Path> complete, List<String> skipped)
      throws IOException {
    for (int i = complete.size() - 1; i >= 0; i--) {
      try {
        return Optional.of(load(complete.get(i)));
      } catch (CorruptCheckpointException e) {
        LOG.warn("skipping checkpoint {}: {}", complete.get(i), e.getMessage());
        skipped.add(e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** The bytes of {@code file}, refusing one over {@code max} bytes before reading it. */
  private byte[] readBounded(Path file, long max) throws IOException {
    long length;
    try {
      length = fs.getFileStatus(file).getLen();
    } catch (FileNotFoundException e) {
      throw new CorruptCheckpointException(file.toString(), "it is missing");
    }
    if (length > max) {
      throw new CorruptCheckpointException(file.toString(), "it has " + length
          + " bytes, more than the " + max + " a checkpoint's state.json may have");
    }
    byte[] bytes = new byte[(int) length];
    try (var in = fs.open(file)) {
      in.readFully(0, bytes);
    } catch (java.io.EOFException e) {
      throw new CorruptCheckpointException(file.toString(), "it is shorter than listed");
    }
    return bytes;
  }

  /**
   * The format version of a checkpoint. From version 4 arrays.bin starts with the magic and the
   * version (as every later version must), which state.json's must match: a single damaged byte
   * cannot make a checkpoint look like one of another version. Versions 2 and 3 are known by
   * state.json alone.
   */
  private int version(JsonNode root, Path arraysFile, Path checkpoint) throws IOException {
    int declared = root.path("formatVersion").asInt();
    OptionalInt header;
    try (var in = fs.open(arraysFile)) {
      header = CheckpointArrays.headerVersion(in);
    } catch (FileNotFoundException e) {
      throw new CorruptCheckpointException(arraysFile.toString(), "it is missing");
    }
    if (header.isPresent() && header.getAsInt() != declared) {
      throw new CorruptCheckpointException(checkpoint.toString(), "arrays.bin is of format"
          + " version " + header.getAsInt() + ", state.json of version " + declared);
    }
    if (declared > FORMAT_VERSION || declared < OLDEST_READ) {
      throw new UnsupportedFormatException(checkpoint.toString(), "sparkprop checkpoint",
          declared, FORMAT_VERSION);
    }
    if (header.isEmpty() && declared >= 4) {
      throw new CorruptCheckpointException(arraysFile.toString(), "it does not start with "
          + CheckpointArrays.MAGIC_TEXT);
    }
    return declared;
  }

  /**
   * Reads a complete checkpoint, refusing it when its settings differ from this fit's.
   *
   * @throws CorruptCheckpointException when its files do not hold what they declare
   * @throws UnsupportedFormatException when its format version is not one this reads
   */
  private TrainingState load(Path checkpoint) throws IOException {
    Path stateFile = new Path(checkpoint, "state.json");
    byte[] json = readBounded(stateFile, MAX_STATE_BYTES);
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CorruptCheckpointException(stateFile.toString(), "not valid JSON: "
          + e.getOriginalMessage());
    }
    if (root == null || !"sparkprop-checkpoint".equals(root.path("format").asText())) {
      throw new CorruptCheckpointException(stateFile.toString(),
          "not a sparkprop checkpoint's state");
    }
    Path arraysFile = new Path(checkpoint, "arrays.bin");
    int version = version(root, arraysFile, checkpoint);
    CheckpointArrays.Read read;
    try (var in = fs.open(arraysFile)) {
      read = CheckpointArrays.read(new java.io.BufferedInputStream(in, 1 << 16),
          fs.getFileStatus(arraysFile).getLen(), version, arraysFile.toString());
    } catch (FileNotFoundException e) {
      throw new CorruptCheckpointException(arraysFile.toString(), "it is missing");
    }
    if (version >= 4 && read.stateChecksum() != CheckpointArrays.checksum(json)) {
      throw new CorruptCheckpointException(stateFile.toString(), String.format(
          "CRC32C %08x does not match the %08x in arrays.bin", CheckpointArrays.checksum(json),
          read.stateChecksum()));
    }
    Map<String, String> saved = new LinkedHashMap<>();
    root.path("settings").fields()
        .forEachRemaining(e -> saved.put(e.getKey(), e.getValue().asText()));
    for (String name : new java.util.TreeSet<>(settings.keySet())) {
      if (RESUMABLE_CHANGES.contains(name)) {
        continue;
      }
      String then = saved.get(name);
      String now = settings.get(name);
      if (then == null) {
        // A setting newer than the checkpoint: it was made with what is now the default.
        then = DEFAULTS.get(name);
      }
      if (!now.equals(then)) {
        throw new IllegalArgumentException("resume: checkpoint " + checkpoint + " was made with "
            + name + "=" + then + ", this run has " + name + "=" + now
            + "; only " + String.join(", ", new java.util.TreeSet<>(RESUMABLE_CHANGES))
            + " may change");
      }
    }
    List<float[]> arrays = new ArrayList<>(read.arrays());
    if (version == 1) {
      // Θ, the optimizer's arrays, the best Θ: no network state, no best network state.
      arrays.add(new float[0]);
      arrays.add(new float[0]);
    }
    if (arrays.size() < 4) {
      throw new CorruptCheckpointException(arraysFile.toString(), "it holds "
          + read.arrays().size() + " arrays, fewer than a checkpoint of version " + version
          + " has");
    }
    List<EpochStats> history = new ArrayList<>();
    EpochProgress progress;
    try {
      for (JsonNode e : root.path("history")) {
        history.add(JSON.treeToValue(e, EpochStats.class));
      }
      progress = root.has("progress")
          ? JSON.treeToValue(root.path("progress"), EpochProgress.class) : EpochProgress.START;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new CorruptCheckpointException(stateFile.toString(), e.getMessage());
    }
    float[] networkValues = arrays.get(arrays.size() - 1);
    if (networkState != null && networkValues.length > 0) {
      if (networkValues.length != networkState.size()) {
        throw new CorruptCheckpointException(arraysFile.toString(), "it holds "
            + networkValues.length + " network state values, the network has "
            + networkState.size());
      }
      networkState.load(networkValues);
    }
    float[] bestState = arrays.get(arrays.size() - 2);
    float[] best = arrays.get(arrays.size() - 3);
    return new TrainingState(root.path("epochs").asInt(), root.path("updates").asLong(),
        arrays.get(0), List.copyOf(arrays.subList(1, arrays.size() - 3)),
        root.path("optimizerStep").asLong(), root.path("previousLoss").asDouble(),
        root.path("bestEpoch").asInt(), root.path("bestLoss").asDouble(),
        best.length == 0 ? null : best, bestState.length == 0 ? null : bestState, history,
        progress);
  }

  /** This fit's checkpoint directory ({@code DIR/run-F}) as a URI, for messages. */
  public URI uri() {
    return dir.toUri();
  }

  /** Ends the fit's hold on its directory: releases the lease. */
  @Override
  public void close() {
    lease.close();
  }
}
