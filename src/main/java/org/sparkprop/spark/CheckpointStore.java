package org.sparkprop.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sparkprop.nn.NetworkState;
import org.sparkprop.train.Checkpointer;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.TrainingState;

/**
 * Checkpoints on any Hadoop file system (a local path, hdfs://, s3a:// …): every
 * {@code every} epochs the training state goes into {@code DIR/run-F/ckpt-EEEEEE/} as
 * {@code state.json} (epoch, counters, the settings) and {@code arrays.bin} (Θ, the optimizer's
 * arrays, the best weights and the network state that goes with them, the network's
 * non-trainable state; big-endian float32, each after its length), published with
 * {@link HadoopOutput}'s protocol: a checkpoint without the marker {@value HadoopOutput#MARKER}
 * is incomplete and never read. The newest {@code keep} are kept. No Java serialization: a
 * checkpoint is data, never code.
 *
 * <p>{@code F} is the {@link #fingerprint} of the settings that must match to resume (all but
 * {@link #RESUMABLE_CHANGES}; the data paths are settings too): fits with other settings never
 * share a directory, and a resumed fit finds its own. A fit holds the {@link CheckpointLease} of
 * its directory from construction to {@link #close}, so two fits with the same settings never
 * write the same checkpoints at once. Checkpoints of earlier versions, directly in {@code DIR},
 * are still found by {@link #latest}.
 */
public final class CheckpointStore implements Checkpointer, AutoCloseable {

  /**
   * Bumped whenever the layout of a checkpoint changes. Version 3 adds the marker and the
   * per-settings directory; version 2 checkpoints (complete as found: they were renamed into
   * place) are still read.
   */
  public static final int FORMAT_VERSION = 3;

  private static final int OLDEST_READ = 2;

  /** Settings that may change between a run and its resumption. */
  static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "master", "checkpointDir",
      "checkpointEvery", "checkpointKeep");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "ckpt-";
  private static final String RUN_PREFIX = "run-";

  private final Path base;
  private final Path dir;
  private final FileSystem fs;
  private final HadoopOutput output;
  private final CheckpointLease lease;
  private final int every;
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
  public void save(TrainingState state) {
    Path target = new Path(dir, String.format("%s%06d", PREFIX, state.epochs()));
    try {
      output.replaceDirectory(target, (fs, files) -> {
        try (var out = fs.create(new Path(files, "state.json"), false)) {
          JSON.writerWithDefaultPrettyPrinter().writeValue((java.io.OutputStream) out,
              describe(state));
        }
        try (DataOutputStream out = new DataOutputStream(
            new java.io.BufferedOutputStream(fs.create(new Path(files, "arrays.bin"), false)))) {
          List<float[]> arrays = new ArrayList<>();
          arrays.add(state.theta());
          arrays.addAll(state.optimizerArrays());
          arrays.add(state.bestTheta() == null ? new float[0] : state.bestTheta());
          arrays.add(state.bestNetworkState() == null ? new float[0] : state.bestNetworkState());
          arrays.add(networkState == null ? new float[0] : networkState.values());
          out.writeInt(arrays.size());
          for (float[] a : arrays) {
            out.writeInt(a.length);
            for (float v : a) {
              out.writeFloat(v);
            }
          }
        }
      });
      prune(state.epochs());
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
    ObjectNode s = root.putObject("settings");
    new java.util.TreeMap<>(settings).forEach(s::put);
    ArrayNode history = root.putArray("history");
    for (EpochStats e : state.history()) {
      history.add(JSON.valueToTree(e));
    }
    return root;
  }

  /**
   * After checkpoint {@code saved}: deletes the complete checkpoints beyond the newest
   * {@code keep}, incomplete ones (a crash's leftovers) before it, and any after it (from an
   * earlier fit with these settings that went further, which this fit supersedes).
   */
  private void prune(int saved) throws IOException {
    List<FileStatus> kept = new ArrayList<>();
    for (FileStatus f : checkpoints(dir)) {
      int epoch = epoch(f.getPath());
      if (epoch > saved || (epoch < saved && !complete(f.getPath()))) {
        fs.delete(f.getPath(), true);
      } else {
        kept.add(f);
      }
    }
    for (int i = 0; i + keep < kept.size(); i++) {
      fs.delete(kept.get(i).getPath(), true);
    }
  }

  private static int epoch(Path checkpoint) {
    try {
      return Integer.parseInt(checkpoint.getName().substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The checkpoint directories in {@code in}, complete or not, oldest first. */
  private List<FileStatus> checkpoints(Path in) throws IOException {
    if (!fs.exists(in)) {
      return List.of();
    }
    List<FileStatus> found = new ArrayList<>();
    for (FileStatus f : fs.listStatus(in, p -> p.getName().startsWith(PREFIX))) {
      if (f.isDirectory() && epoch(f.getPath()) >= 0) {
        found.add(f);
      }
    }
    found.sort(Comparator.comparing(f -> f.getPath().getName()));
    return found;
  }

  /** The complete checkpoints in {@code in}, oldest first. */
  private List<Path> completeIn(Path in) throws IOException {
    List<Path> found = new ArrayList<>();
    for (FileStatus f : checkpoints(in)) {
      if (complete(f.getPath())) {
        found.add(f.getPath());
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
   * The newest complete checkpoint of this fit's settings, checked against them: in its own
   * directory, else (written by an earlier version) directly in the checkpoint directory. When
   * neither has one, the newest checkpoint of other settings is refused, naming the first
   * setting that differs (other than {@link #RESUMABLE_CHANGES}) and both values.
   */
  public TrainingState latest() {
    try {
      List<Path> own = completeIn(dir);
      if (!own.isEmpty()) {
        return load(own.get(own.size() - 1));
      }
      List<Path> older = completeIn(base);
      if (!older.isEmpty()) {
        return load(older.get(older.size() - 1));
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
      if (other != null) {
        return load(other);
      }
      throw new IllegalArgumentException("resume: no checkpoint in " + base
          + " for these settings (looked in " + dir + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoints in " + base, e);
    }
  }

  /** Reads a complete checkpoint, refusing it when its settings differ from this fit's. */
  private TrainingState load(Path checkpoint) throws IOException {
    JsonNode root;
    try (var in = fs.open(new Path(checkpoint, "state.json"))) {
      root = JSON.readTree(in);
    }
    int version = root.path("formatVersion").asInt();
    if (!"sparkprop-checkpoint".equals(root.path("format").asText())
        || version < OLDEST_READ || version > FORMAT_VERSION) {
      throw new IllegalArgumentException(checkpoint + " is not a sparkprop checkpoint of format "
          + OLDEST_READ + " to " + FORMAT_VERSION);
    }
    Map<String, String> saved = new LinkedHashMap<>();
    root.path("settings").fields().forEachRemaining(e -> saved.put(e.getKey(), e.getValue().asText()));
    for (String name : new java.util.TreeSet<>(settings.keySet())) {
      if (RESUMABLE_CHANGES.contains(name)) {
        continue;
      }
      String then = saved.get(name);
      String now = settings.get(name);
      if (!now.equals(then)) {
        throw new IllegalArgumentException("resume: checkpoint " + checkpoint + " was made with "
            + name + "=" + then + ", this run has " + name + "=" + now
            + "; only " + String.join(", ", new java.util.TreeSet<>(RESUMABLE_CHANGES))
            + " may change");
      }
    }
    List<float[]> arrays = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(
        new java.io.BufferedInputStream(fs.open(new Path(checkpoint, "arrays.bin"))))) {
      int count = in.readInt();
      for (int a = 0; a < count; a++) {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
          values[i] = in.readFloat();
        }
        arrays.add(values);
      }
    }
    List<EpochStats> history = new ArrayList<>();
    for (JsonNode e : root.path("history")) {
      history.add(JSON.treeToValue(e, EpochStats.class));
    }
    float[] networkValues = arrays.get(arrays.size() - 1);
    if (networkState != null && networkValues.length > 0) {
      networkState.load(networkValues);
    }
    float[] bestState = arrays.get(arrays.size() - 2);
    float[] best = arrays.get(arrays.size() - 3);
    return new TrainingState(root.path("epochs").asInt(), root.path("updates").asLong(),
        arrays.get(0), List.copyOf(arrays.subList(1, arrays.size() - 3)),
        root.path("optimizerStep").asLong(), root.path("previousLoss").asDouble(),
        root.path("bestEpoch").asInt(), root.path("bestLoss").asDouble(),
        best.length == 0 ? null : best, bestState.length == 0 ? null : bestState, history);
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
