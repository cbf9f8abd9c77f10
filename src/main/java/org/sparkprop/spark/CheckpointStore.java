package org.sparkprop.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * {@code every} epochs the training state goes into {@code DIR/ckpt-EEEEEE/} as {@code state.json}
 * (epoch, counters, the settings) and {@code arrays.bin} (Θ, the optimizer's arrays, the best
 * weights and the network state that goes with them, the network's non-trainable state;
 * big-endian float32, each after its length). It is written under a temporary name and
 * renamed when complete, so a reader never sees a partial checkpoint; the newest {@code keep} are
 * kept. No Java serialization: a checkpoint is data, never code.
 */
public final class CheckpointStore implements Checkpointer {

  /** Bumped whenever the layout of a checkpoint changes. */
  public static final int FORMAT_VERSION = 2;

  /** Settings that may change between a run and its resumption. */
  static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "master", "checkpointDir",
      "checkpointEvery", "checkpointKeep");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "ckpt-";

  private final Path dir;
  private final FileSystem fs;
  private final int every;
  private final int keep;
  private final Map<String, String> settings;
  private final NetworkState networkState;

  /**
   * @param networkState the network's non-trainable state (standardization, batch-norm running
   *     statistics), saved with every checkpoint and loaded back by {@link #latest()}; may be null
   */
  public CheckpointStore(String dir, int every, int keep, Map<String, String> settings,
      NetworkState networkState, Configuration hadoop) {
    this.networkState = networkState;
    this.dir = new Path(dir);
    this.every = every;
    this.keep = keep;
    this.settings = Map.copyOf(settings);
    try {
      this.fs = this.dir.getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open checkpoint directory " + dir, e);
    }
  }

  @Override
  public boolean due(int epochs) {
    return epochs % every == 0;
  }

  @Override
  public void save(TrainingState state) {
    Path target = new Path(dir, String.format("%s%06d", PREFIX, state.epochs()));
    Path partial = new Path(dir, "." + target.getName() + "." + UUID.randomUUID() + ".partial");
    try {
      fs.mkdirs(partial);
      try (var out = fs.create(new Path(partial, "state.json"))) {
        JSON.writerWithDefaultPrettyPrinter().writeValue((java.io.OutputStream) out, describe(state));
      }
      try (DataOutputStream out = new DataOutputStream(
          new java.io.BufferedOutputStream(fs.create(new Path(partial, "arrays.bin"))))) {
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
      if (fs.exists(target)) {
        fs.delete(target, true);
      }
      if (!fs.rename(partial, target)) {
        throw new IOException("cannot rename " + partial + " to " + target);
      }
      prune();
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

  private void prune() throws IOException {
    List<FileStatus> complete = complete();
    for (int i = 0; i + keep < complete.size(); i++) {
      fs.delete(complete.get(i).getPath(), true);
    }
  }

  /** The complete checkpoints, oldest first. */
  private List<FileStatus> complete() throws IOException {
    if (!fs.exists(dir)) {
      return List.of();
    }
    List<FileStatus> found = new ArrayList<>(Arrays.asList(
        fs.listStatus(dir, p -> p.getName().startsWith(PREFIX))));
    found.sort(Comparator.comparing(f -> f.getPath().getName()));
    return found;
  }

  /**
   * The newest complete checkpoint, checked against this run's settings: a setting that differs
   * (other than {@link #RESUMABLE_CHANGES}) is an error naming it and both values.
   */
  public TrainingState latest() {
    try {
      List<FileStatus> complete = complete();
      if (complete.isEmpty()) {
        throw new IllegalArgumentException("resume: no checkpoint in " + dir);
      }
      Path newest = complete.get(complete.size() - 1).getPath();
      JsonNode root;
      try (var in = fs.open(new Path(newest, "state.json"))) {
        root = JSON.readTree(in);
      }
      if (!"sparkprop-checkpoint".equals(root.path("format").asText())
          || root.path("formatVersion").asInt() != FORMAT_VERSION) {
        throw new IllegalArgumentException(newest + " is not a sparkprop checkpoint of format "
            + FORMAT_VERSION);
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
          throw new IllegalArgumentException("resume: checkpoint " + newest + " was made with "
              + name + "=" + then + ", this run has " + name + "=" + now
              + "; only " + String.join(", ", new java.util.TreeSet<>(RESUMABLE_CHANGES))
              + " may change");
        }
      }
      List<float[]> arrays = new ArrayList<>();
      try (DataInputStream in = new DataInputStream(
          new java.io.BufferedInputStream(fs.open(new Path(newest, "arrays.bin"))))) {
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoints in " + dir, e);
    }
  }

  /** The directory as a URI, for messages. */
  public URI uri() {
    return dir.toUri();
  }
}
