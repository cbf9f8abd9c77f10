package org.sparkprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Loss;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;

/**
 * A trained network on disk, as a directory: {@code model.json} (format version, layer sizes,
 * activations, loss, parameter count) and {@code theta.bin} (Θ as big-endian float32, preceded by
 * its length). Plain data both ways: no Java serialization, so a file cannot run code when read.
 */
public final class ModelFile {

  /** Bumped whenever the layout of the files changes. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFile() {}

  /**
   * Writes {@code theta} for {@code spec} as directory {@code dir}, which must not exist: the
   * files are written into a sibling directory that is renamed to {@code dir} when complete, so a
   * failed write leaves no half-written model.
   */
  public static void write(Path target, NetworkSpec spec, float[] theta) throws IOException {
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + " already exists; a model is never overwritten");
    }
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path dir = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
    try {
      writeFiles(dir, spec, theta);
      Files.move(dir, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      throw e;
    }
  }

  private static void writeFiles(Path dir, NetworkSpec spec, float[] theta) throws IOException {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("format", "sparkprop-mlp");
    meta.put("formatVersion", FORMAT_VERSION);
    var layers = meta.putArray("layers");
    for (int size : spec.sizes()) {
      layers.add(size);
    }
    meta.put("activation", spec.hidden().name());
    meta.put("output", spec.output().name());
    meta.put("loss", spec.loss().name());
    meta.put("parameters", theta.length);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.json").toFile(), meta);
    try (OutputStream raw = Files.newOutputStream(dir.resolve("theta.bin"));
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
      out.writeInt(theta.length);
      for (float v : theta) {
        out.writeFloat(v);
      }
    }
  }

  /** A model read back: its network and Θ. */
  public record Loaded(Network network, float[] theta) {}

  /** Reads a model directory, checking that Θ matches the shapes its metadata declares. */
  public static Loaded read(Path dir) throws IOException {
    Path metaFile = dir.resolve("model.json");
    if (!Files.isRegularFile(metaFile)) {
      throw new IllegalArgumentException(dir + " is not a sparkprop model: no model.json");
    }
    JsonNode meta = JSON.readTree(metaFile.toFile());
    if (!"sparkprop-mlp".equals(meta.path("format").asText())
        || meta.path("formatVersion").asInt() != FORMAT_VERSION) {
      throw new IllegalArgumentException(metaFile + " is not a sparkprop model of format version "
          + FORMAT_VERSION);
    }
    int[] sizes = new int[meta.path("layers").size()];
    for (int k = 0; k < sizes.length; k++) {
      sizes[k] = meta.path("layers").get(k).asInt();
    }
    Network network = new Network(new NetworkSpec(sizes,
        Activations.parse(meta.path("activation").asText()),
        Activations.parse(meta.path("output").asText()),
        Loss.parse(meta.path("loss").asText())));
    try (InputStream raw = Files.newInputStream(dir.resolve("theta.bin"));
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      int length = in.readInt();
      if (length != network.parameterCount()) {
        throw new IllegalArgumentException(dir + ": theta.bin holds " + length
            + " parameters but layers " + java.util.Arrays.toString(sizes) + " need "
            + network.parameterCount());
      }
      float[] theta = new float[length];
      for (int i = 0; i < length; i++) {
        theta[i] = in.readFloat();
      }
      return new Loaded(network, theta);
    } catch (EOFException e) {
      throw new IllegalArgumentException(dir + ": theta.bin is truncated");
    }
  }
}
