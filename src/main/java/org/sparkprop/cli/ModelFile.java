package org.sparkprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.Topology;
import org.sparkprop.nn.Loss;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.QuantizedTheta;
import org.sparkprop.nn.QuantizedThetaCodec;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.spark.IncompleteOutputException;
import org.sparkprop.spark.UnsupportedFormatException;

/**
 * A trained network on any Hadoop file system, as a directory: {@code model.json} (format
 * version, layer sizes, activations, loss, parameter count), {@code theta.bin} (Θ as big-endian
 * float32, preceded by its length) and the marker {@value HadoopOutput#MARKER}, written last by
 * {@link HadoopOutput}'s protocol. Plain data both ways: no Java serialization, so a file cannot
 * run code when read.
 */
public final class ModelFile {

  /**
   * Bumped whenever the layout of the files changes. Version 2 adds the architecture
   * ({@code connections}, {@code residual}, {@code dropout}, {@code layerNorm}, {@code batchNorm},
   * {@code standardize}, {@code normEpsilon}, {@code batchNormMomentum}, as the settings write
   * them) and the non-trainable state ({@code stateValues} in model.json, the values in
   * {@code state.bin} like theta.bin); version 1 files (plain perceptrons) are still read.
   * Version 3 adds the marker {@value HadoopOutput#MARKER}: a version-3 model without it is
   * incomplete and refused; versions 1 and 2, published by rename alone, are complete as found.
   * Version 4 adds quantized models: {@code quantization} in model.json ({@code int8} or
   * {@code float16}; absent for float32) and their Θ in {@value #QUANTIZED_THETA} in place of
   * theta.bin ({@link QuantizedThetaCodec}); and it may store a pruned float32 Θ without its
   * zeros ({@link SparseTheta}, {@code "theta": "sparse"} in model.json) instead of theta.bin.
   * A float32 model with neither is written as before.
   */
  public static final int FORMAT_VERSION = 4;

  /** The file of a quantized model's Θ. */
  public static final String QUANTIZED_THETA = "theta.q.bin";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFile() {}

  /**
   * Writes {@code theta} for {@code spec} as directory {@code target} (any Hadoop URI), which
   * must not exist ({@link org.sparkprop.spark.OutputExistsException}). The files are published
   * with {@link HadoopOutput}'s protocol, so a failed write leaves no model a reader would take.
   */
  public static void write(Path target, NetworkSpec spec, float[] theta, Configuration hadoop)
      throws IOException {
    write(target, new Network(spec), theta, hadoop);
  }

  /**
   * As {@link #write(Path, NetworkSpec, float[], Configuration)}, with the network's
   * non-trainable state (input standardization, batch-norm running statistics).
   */
  public static void write(Path target, Network network, float[] theta, Configuration hadoop)
      throws IOException {
    write(target, network, theta, java.util.List.of(), hadoop);
  }

  /**
   * As {@link #write(Path, Network, float[], Configuration)}, with the names of the classes
   * (text labels, class 0 first) in {@code model.json}'s {@code classNames}, so that evaluate and
   * predict index text labels as the training did.
   */
  public static void write(Path target, Network network, float[] theta,
      java.util.List<String> classNames, Configuration hadoop) throws IOException {
    HadoopOutput.of(target, hadoop).createDirectory(target, "a model",
        (fs, dir) -> writeFiles(fs, dir, network, theta, null, classNames));
  }

  /**
   * A quantized model ({@link QuantizedTheta}) with its network's state and class names, as
   * {@link #write(Path, Network, float[], java.util.List, Configuration)} writes a float one.
   */
  public static void write(Path target, Network network, QuantizedTheta quantized,
      java.util.List<String> classNames, Configuration hadoop) throws IOException {
    HadoopOutput.of(target, hadoop).createDirectory(target, "a quantized model",
        (fs, dir) -> writeFiles(fs, dir, network, null, quantized, classNames));
  }

  /** A model in a local directory (tools and tests). */
  public static void write(java.nio.file.Path target, NetworkSpec spec, float[] theta)
      throws IOException {
    write(local(target), spec, theta, new Configuration());
  }

  /** A model with its network's state in a local directory (tools and tests). */
  public static void write(java.nio.file.Path target, Network network, float[] theta)
      throws IOException {
    write(local(target), network, theta, new Configuration());
  }

  private static Path local(java.nio.file.Path path) {
    return new Path(path.toAbsolutePath().toUri());
  }

  private static void writeFiles(FileSystem fs, Path dir, Network network, float[] theta,
      QuantizedTheta quantized, java.util.List<String> classNames) throws IOException {
    NetworkSpec spec = network.spec();
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
    meta.put("parameters", network.parameterCount());
    if (quantized != null) {
      meta.put("quantization", quantized.type().label());
    }
    Architecture a = spec.architecture();
    meta.put("connections", a.topology().connectionsText());
    meta.put("residual", a.topology().residualText());
    meta.put("dropout", a.dropoutText());
    meta.put("layerNorm", a.layersWith(Normalization.LAYER));
    meta.put("batchNorm", a.layersWith(Normalization.BATCH));
    meta.put("standardize", a.standardize());
    meta.put("normEpsilon", a.epsilon());
    meta.put("batchNormMomentum", a.momentum());
    float[] state = network.state().values();
    meta.put("stateValues", state.length);
    meta.put("theta", quantized != null ? "quantized"
        : SparseTheta.smaller(theta) ? "sparse" : "dense");
    if (!classNames.isEmpty()) {
      var names = meta.putArray("classNames");
      classNames.forEach(names::add);
    }
    try (OutputStream out = fs.create(new Path(dir, "model.json"), false)) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(out, meta);
    }
    if (quantized != null) {
      try (OutputStream out = fs.create(new Path(dir, QUANTIZED_THETA), false)) {
        QuantizedThetaCodec.write(quantized, out);
      }
    } else if (SparseTheta.smaller(theta)) {
      SparseTheta.write(fs, new Path(dir, SparseTheta.FILE), theta);
    } else {
      writeFloats(fs, new Path(dir, "theta.bin"), theta);
    }
    if (state.length > 0) {
      writeFloats(fs, new Path(dir, "state.bin"), state);
    }
  }

  /** Big-endian float32 values after their count. */
  private static void writeFloats(FileSystem fs, Path file, float[] values) throws IOException {
    try (OutputStream raw = fs.create(file, false);
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
      out.writeInt(values.length);
      for (float v : values) {
        out.writeFloat(v);
      }
    }
  }

  /** The architecture of a version-2 model.json (absent fields: the plain perceptron). */
  private static Architecture architecture(JsonNode meta, int depth) {
    String layerNorm = meta.path("layerNorm").asText("");
    String batchNorm = meta.path("batchNorm").asText("");
    boolean[] ln = Architecture.parseLayers("layerNorm", layerNorm, depth);
    boolean[] bn = Architecture.parseLayers("batchNorm", batchNorm, depth);
    Normalization[] norms = new Normalization[depth + 1];
    for (int k = 0; k <= depth; k++) {
      norms[k] = ln[k] ? Normalization.LAYER : bn[k] ? Normalization.BATCH : Normalization.NONE;
    }
    return new Architecture(
        Topology.parse(meta.path("connections").asText(""), meta.path("residual").asText(""),
            depth),
        Architecture.parseDropout(meta.path("dropout").asText("0"), depth), norms,
        meta.path("standardize").asBoolean(false),
        (float) meta.path("normEpsilon").asDouble(Architecture.DEFAULT_EPSILON),
        (float) meta.path("batchNormMomentum").asDouble(Architecture.DEFAULT_MOMENTUM));
  }

  /** Reads the non-trainable state of a version-2 model into {@code network}. */
  private static void readState(FileSystem fs, Path dir, JsonNode meta, Network network)
      throws IOException {
    int expected = network.state().size();
    int declared = meta.path("stateValues").asInt(0);
    if (declared != expected) {
      throw new IllegalArgumentException(dir + ": model.json declares " + declared
          + " state values but the network has " + expected);
    }
    if (expected == 0) {
      return;
    }
    try (InputStream raw = fs.open(new Path(dir, "state.bin"));
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      int length = in.readInt();
      if (length != expected) {
        throw new IllegalArgumentException(dir + ": state.bin holds " + length
            + " values but the network has " + expected);
      }
      float[] state = new float[length];
      for (int i = 0; i < length; i++) {
        state[i] = in.readFloat();
      }
      network.state().load(state);
    } catch (EOFException e) {
      throw new IllegalArgumentException(dir + ": state.bin is truncated");
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException(dir + ": state.bin is missing");
    }
  }

  /**
   * A model read back: its network (with its state), Θ, its class names (may be empty) and, for
   * a quantized model, its quantized Θ (else null), which scoring reads directly ({@link
   * org.sparkprop.nn.QuantizedForward}). A quantized model holds no float32 Θ: {@link #theta()}
   * then dequantizes it on each call, for the tools that need it (export, a teacher), so that
   * evaluating and predicting never expand the model.
   */
  public record Loaded(Network network, float[] theta, java.util.List<String> classNames,
      QuantizedTheta quantized) {

    /** A float32 model. */
    public Loaded(Network network, float[] theta, java.util.List<String> classNames) {
      this(network, theta, classNames, null);
    }

    /** A quantized model: no float32 Θ is made. */
    static Loaded quantized(Network network, java.util.List<String> classNames,
        QuantizedTheta quantized) {
      return new Loaded(network, null, classNames, quantized);
    }

    public Loaded {
      if ((theta == null) == (quantized == null)) {
        throw new IllegalArgumentException("a model holds a float32 Θ or a quantized one,"
            + " exactly one");
      }
    }

    /** Θ as float32: the stored one, or a quantized model's dequantized (a new array per call). */
    @Override
    public float[] theta() {
      return theta != null ? theta : quantized.dequantize();
    }
  }

  /** Reads a model in a local directory (tools and tests). */
  public static Loaded read(java.nio.file.Path dir) throws IOException {
    return read(local(dir), new Configuration());
  }

  /**
   * Reads a model directory (any Hadoop URI), checking that it is complete and that Θ matches the
   * shapes its metadata declares.
   */
  public static Loaded read(Path dir, Configuration hadoop) throws IOException {
    FileSystem fs = HadoopOutput.fileSystem(dir, hadoop);
    Path metaFile = new Path(dir, "model.json");
    if (!isFile(fs, metaFile)) {
      throw new IllegalArgumentException(dir + " is not a sparkprop model: no model.json");
    }
    boolean committed = HadoopOutput.committed(fs, dir);
    JsonNode meta;
    try (InputStream in = fs.open(metaFile)) {
      meta = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      if (!committed) {
        throw new IncompleteOutputException(dir.toString(), "sparkprop model");
      }
      throw new IllegalArgumentException(metaFile + " is not valid JSON: "
          + e.getOriginalMessage());
    }
    int version = meta.path("formatVersion").asInt();
    if ("sparkprop-mlp".equals(meta.path("format").asText()) && version > FORMAT_VERSION) {
      throw new UnsupportedFormatException(dir.toString(), "sparkprop model", version,
          FORMAT_VERSION);
    }
    if (!"sparkprop-mlp".equals(meta.path("format").asText())
        || version < 1 || version > FORMAT_VERSION) {
      throw new IllegalArgumentException(metaFile + " is not a sparkprop model of format version"
          + " 1 to " + FORMAT_VERSION);
    }
    if (version >= 3 && !committed) {
      throw new IncompleteOutputException(dir.toString(), "sparkprop model");
    }
    int[] sizes = new int[meta.path("layers").size()];
    for (int k = 0; k < sizes.length; k++) {
      sizes[k] = meta.path("layers").get(k).asInt();
    }
    NetworkSpec spec = new NetworkSpec(sizes,
        Activations.parse(meta.path("activation").asText()),
        Activations.parse(meta.path("output").asText()),
        Loss.parse(meta.path("loss").asText()));
    if (version >= 2) {
      spec = spec.with(architecture(meta, sizes.length - 1));
    }
    Network network = new Network(spec);
    if (version >= 2) {
      readState(fs, dir, meta, network);
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    meta.path("classNames").forEach(n -> names.add(n.asText()));
    if (version >= 4 && meta.has("quantization")) {
      QuantizedType type = QuantizedType.parse(meta.path("quantization").asText(),
          metaFile + " (quantization)");
      Path file = new Path(dir, QUANTIZED_THETA);
      if (!isFile(fs, file)) {
        throw new IllegalArgumentException(dir + ": " + QUANTIZED_THETA + " is missing");
      }
      try (InputStream in = fs.open(file)) {
        QuantizedTheta q = QuantizedThetaCodec.read(in, network.layout(), type, file.toString());
        return Loaded.quantized(network, java.util.List.copyOf(names), q);
      }
    }
    if (version >= 4 && "sparse".equals(meta.path("theta").asText("dense"))) {
      float[] theta = SparseTheta.read(fs, new Path(dir, SparseTheta.FILE),
          network.parameterCount());
      return new Loaded(network, theta, java.util.List.copyOf(names));
    }
    try (InputStream raw = fs.open(new Path(dir, "theta.bin"));
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
      return new Loaded(network, theta, java.util.List.copyOf(names));
    } catch (EOFException e) {
      throw new IllegalArgumentException(dir + ": theta.bin is truncated");
    }
  }

  /** Whether {@code path} is a file (false when absent). */
  static boolean isFile(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path).isFile();
    } catch (FileNotFoundException e) {
      return false;
    }
  }
}
