package org.sparkprop.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsReader.Metadata;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.json4s.AsJsonInput$;
import org.json4s.JObject;
import org.json4s.JValue;
import org.json4s.jackson.JsonMethods$;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.QuantizedTheta;
import org.sparkprop.nn.QuantizedThetaCodec;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.nn.SparseThetaCodec;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;
import scala.Option;

/**
 * A model on disk in Spark ML's layout, so that {@code Pipeline}/{@code PipelineModel} persistence
 * and every Spark language binding find what they expect:
 * <ul>
 *   <li>{@code metadata/}: the JSON line of {@code DefaultParamsWriter} (class, uid, Spark
 *       version, paramMap, defaultParamMap) plus {@code sparkpropFormatVersion} and
 *       {@code sparkpropNetwork}: the network as settings (layers, activation, output, loss and
 *       the architecture: connections, residual, dropout, layerNorm, batchNorm,
 *       batchNormMomentum, normEpsilon, standardize, under the command line's names), and the
 *       counts of parameters and state values;
 *   <li>{@code data/}: one Parquet row with Θ and the non-trainable state (standardization,
 *       batch-norm running statistics), each as {@code array<float>}.
 * </ul>
 * Reading builds the network from those settings through {@code JobConfig}, as the command line
 * would. Plain data both ways, never Java serialization.
 */
final class ModelIO {

  /**
   * Bumped whenever the layout of the files changes. Version 2 adds quantized models:
   * {@code quantization} ({@code int8}, {@code float16}) in {@code sparkpropNetwork}, and in
   * {@code data/} a {@code quantized} binary column ({@link QuantizedThetaCodec}) in place of
   * {@code theta}. Version 3 adds pruned models: {@code "theta": "sparse"} in
   * {@code sparkpropNetwork}, and in {@code data/} a {@code sparse} binary column
   * ({@link SparseThetaCodec}) in place of {@code theta}, when at least half of Θ is 0. Other
   * float32 models are written as in version 1; every earlier version is still read.
   */
  static final int FORMAT_VERSION = 3;

  private static final StructType SPARSE_SCHEMA = new StructType()
      .add("sparse", DataTypes.BinaryType, false)
      .add("state", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private static final StructType QUANTIZED_SCHEMA = new StructType()
      .add("quantized", DataTypes.BinaryType, false)
      .add("state", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final StructType DATA_SCHEMA = new StructType()
      .add("theta", DataTypes.createArrayType(DataTypes.FloatType, false), false)
      .add("state", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  /** The settings that describe a network, in the order they are written. */
  private static final List<String> NETWORK_SETTINGS = List.of("layers", "activation", "output",
      "loss", "connections", "residual", "dropout", "layerNorm", "batchNorm",
      "batchNormMomentum", "normEpsilon", "standardize");

  private ModelIO() {}

  /** Writes the metadata and the data of a model (float32 or quantized) into {@code path}. */
  static void save(Params model, Scorer scorer, String path, SparkSession spark) {
    QuantizedTheta quantized = scorer.quantized();
    if (quantized == null) {
      save(model, scorer.spec(), scorer.theta(), scorer.state(), path, spark);
      return;
    }
    float[] state = scorer.state();
    saveMetadata(model, scorer.spec(), quantized.parameterCount(), state.length,
        quantized.type().label(), false, path, spark);
    Row row = RowFactory.create(QuantizedThetaCodec.encode(quantized), boxed(state));
    spark.createDataFrame(List.of(row), QUANTIZED_SCHEMA).repartition(1).write()
        .parquet(new Path(path, "data").toString());
  }

  /** Writes the metadata and the data of a model into directory {@code path}. */
  static void save(Params model, NetworkSpec spec, float[] theta, float[] state, String path,
      SparkSession spark) {
    boolean sparse = SparseThetaCodec.smaller(theta);
    saveMetadata(model, spec, theta.length, state.length, "", sparse, path, spark);
    Row row = sparse ? RowFactory.create(SparseThetaCodec.encode(theta), boxed(state))
        : RowFactory.create(boxed(theta), boxed(state));
    spark.createDataFrame(List.of(row), sparse ? SPARSE_SCHEMA : DATA_SCHEMA).repartition(1)
        .write().parquet(new Path(path, "data").toString());
  }

  private static void saveMetadata(Params model, NetworkSpec spec, int parameters,
      int stateValues, String quantization, boolean sparse, String path, SparkSession spark) {
    ObjectNode extra = JSON.createObjectNode();
    // The lowest version that describes these files, so that older readers read what they can.
    extra.put("sparkpropFormatVersion", sparse ? 3 : quantization.isEmpty() ? 1 : 2);
    ObjectNode network = extra.putObject("sparkpropNetwork");
    networkSettings(spec).forEach(network::put);
    network.put("parameters", parameters);
    network.put("stateValues", stateValues);
    if (!quantization.isEmpty()) {
      network.put("quantization", quantization);
    }
    if (sparse) {
      network.put("theta", "sparse");
    }
    JValue parsed = JsonMethods$.MODULE$.parse(extra.toString(), false, true,
        AsJsonInput$.MODULE$.stringAsJsonInput());
    DefaultParamsWriter$.MODULE$.saveMetadata(model, path, spark, Option.apply((JObject) parsed));
  }

  private static List<Float> boxed(float[] values) {
    List<Float> list = new ArrayList<>(values.length);
    for (float v : values) {
      list.add(v);
    }
    return list;
  }

  private static float[] unboxed(List<Float> list) {
    float[] values = new float[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i);
    }
    return values;
  }

  /** The network as setting values, under the command line's names. */
  static Map<String, String> networkSettings(NetworkSpec spec) {
    Architecture a = spec.architecture();
    StringJoiner sizes = new StringJoiner(",");
    for (int size : spec.sizes()) {
      sizes.add(Integer.toString(size));
    }
    Map<String, String> s = new LinkedHashMap<>();
    s.put("layers", sizes.toString());
    s.put("activation", spec.hidden().name());
    s.put("output", spec.output().name());
    s.put("loss", spec.loss().name());
    s.put("connections", a.topology().connectionsText());
    s.put("residual", a.topology().residualText());
    s.put("dropout", a.dropoutText());
    s.put("layerNorm", a.layersWith(Normalization.LAYER));
    s.put("batchNorm", a.layersWith(Normalization.BATCH));
    s.put("batchNormMomentum", Float.toString(a.momentum()));
    s.put("normEpsilon", Float.toString(a.epsilon()));
    s.put("standardize", Boolean.toString(a.standardize()));
    return s;
  }

  /** The network those settings describe, built and checked as the command line builds it. */
  static NetworkSpec network(JsonNode settings, String path) {
    Settings s = Settings.defaults();
    for (String name : NETWORK_SETTINGS) {
      JsonNode v = settings.get(name);
      if (v == null) {
        throw new IllegalArgumentException(path + ": the metadata has no network setting " + name);
      }
      s = s.with(name, v.asText(), path);
    }
    return JobConfig.from(s).network();
  }

  /**
   * A model read back: its metadata (uid, params), network, Θ (null when quantized), the
   * quantized weights (null when float32) and state.
   */
  record Loaded(Metadata metadata, NetworkSpec spec, float[] theta, QuantizedTheta quantized,
      float[] state) {

    /** The forward pass of the model read. */
    Scorer scorer() {
      return quantized == null ? new Scorer(spec, theta, state)
          : new Scorer(spec, quantized, state);
    }
  }

  /** Reads a model written by {@link #save} for class {@code className}. */
  static Loaded load(String path, SparkSession spark, String className) {
    Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, spark, className);
    JsonNode meta;
    try {
      meta = JSON.readTree(metadata.metadataJson());
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": unreadable metadata: " + e.getMessage(), e);
    }
    int version = meta.path("sparkpropFormatVersion").asInt(-1);
    if (version < 1 || version > FORMAT_VERSION) {
      throw new IllegalArgumentException(path + " holds a sparkprop model of format version "
          + (version < 0 ? "(none)" : version) + "; this version of sparkprop reads format versions"
          + " 1 to " + FORMAT_VERSION);
    }
    NetworkSpec spec = network(meta.path("sparkpropNetwork"), path);
    Row row = spark.read().parquet(new Path(path, "data").toString()).first();
    float[] state = unboxed(row.getList(row.fieldIndex("state")));
    Network network = new Network(spec);
    if (state.length != network.state().size()) {
      throw new IllegalArgumentException(path + ": the data holds " + state.length
          + " state values but network " + spec + " keeps " + network.state().size());
    }
    JsonNode quantization = meta.path("sparkpropNetwork").path("quantization");
    if (version >= 2 && !quantization.isMissingNode()) {
      QuantizedType type = QuantizedType.parse(quantization.asText(),
          path + " (metadata quantization)");
      byte[] bytes = (byte[]) row.get(row.fieldIndex("quantized"));
      QuantizedTheta q = QuantizedThetaCodec.decode(bytes, network.layout(), type,
          path + "/data");
      return new Loaded(metadata, spec, null, q, state);
    }
    if (version >= 3 && "sparse".equals(meta.path("sparkpropNetwork").path("theta").asText())) {
      byte[] bytes = (byte[]) row.get(row.fieldIndex("sparse"));
      float[] theta = SparseThetaCodec.decode(bytes, network.parameterCount(), path + "/data");
      return new Loaded(metadata, spec, theta, null, state);
    }
    float[] theta = unboxed(row.getList(row.fieldIndex("theta")));
    if (theta.length != network.parameterCount()) {
      throw new IllegalArgumentException(path + ": the data holds " + theta.length
          + " parameters but network " + spec + " has " + network.parameterCount());
    }
    return new Loaded(metadata, spec, theta, null, state);
  }

  /** Sets the params saved in the metadata on a freshly built model. */
  static void setParams(Loaded loaded, Params model) {
    loaded.metadata().getAndSetParams(model, Option.empty());
  }
}
