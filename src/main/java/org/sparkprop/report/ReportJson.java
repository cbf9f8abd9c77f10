package org.sparkprop.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkprop.spark.RowSample;
import org.sparkprop.train.EpochStats;

/**
 * {@link ReportData} as JSON ({@code report-data.json} beside a report), so that
 * {@code scripts/report} redraws a report without Spark; and the smaller report a run directory
 * without it still gives, from its {@code summary.json} and {@code metrics.jsonl}. Epoch lines
 * use the keys of metrics.jsonl, a figure that does not exist (NaN) being left out.
 */
public final class ReportJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportJson() {}

  /** The JSON of {@code d}. */
  public static byte[] write(ReportData d) {
    ObjectNode root = JSON.createObjectNode();
    root.put("title", d.title());
    root.put("classifies", d.classifies());
    root.put("outputs", d.outputs());
    ArrayNode history = root.putArray("history");
    d.history().forEach(s -> history.add(epoch(s)));
    ArrayNode rates = root.putArray("learning_rates");
    for (double r : d.learningRates()) {
      rates.add(r);
    }
    root.put("best_epoch", d.bestEpoch());
    root.put("stop_reason", d.stopReason());
    ArrayNode names = root.putArray("class_names");
    d.classNames().forEach(names::add);
    root.put("evaluated_on", d.evaluatedOn());
    if (d.confusion() != null) {
      root.set("confusion", JSON.valueToTree(d.confusion()));
    }
    if (d.sample() != null) {
      ObjectNode sample = root.putObject("sample");
      sample.put("rows", d.sample().rows());
      sample.set("x", JSON.valueToTree(d.sample().x()));
      sample.set("truth", JSON.valueToTree(d.sample().truth()));
      sample.set("predicted", JSON.valueToTree(d.sample().predicted()));
    }
    if (d.plane() != null) {
      DecisionPlane p = d.plane();
      ObjectNode plane = root.putObject("plane");
      plane.put("x_min", p.xMin());
      plane.put("x_max", p.xMax());
      plane.put("y_min", p.yMin());
      plane.put("y_max", p.yMax());
      plane.put("n", p.n());
      plane.set("classes", JSON.valueToTree(p.classes()));
    }
    ArrayNode split = root.putArray("update_split");
    for (UpdateSplit w : d.updateSplit()) {
      ObjectNode o = split.addObject();
      o.put("window", w.window());
      o.put("from", w.from());
      o.put("to", w.to());
      number(o, "wall_ms", w.wallMs());
      number(o, "compute_ms", w.computeMs());
      number(o, "spark_ms", w.sparkMs());
    }
    root.set("settings", JSON.valueToTree(d.settings()));
    root.put("model_summary", d.modelSummary());
    root.set("figures", JSON.valueToTree(d.figures()));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The epoch's line, as in metrics.jsonl. */
  public static ObjectNode epoch(EpochStats s) {
    ObjectNode line = JSON.createObjectNode();
    line.put("epoch", s.epoch());
    line.put("iterations", s.iterations());
    line.put("loss", s.loss());
    number(line, "accuracy", s.accuracy());
    number(line, "validation_loss", s.validationLoss());
    number(line, "validation_accuracy", s.validationAccuracy());
    line.put("samples_per_second", s.samplesPerSecond());
    line.put("elapsed_seconds", s.elapsedSeconds());
    return line;
  }

  /** The report data in {@code json}, as {@link #write} writes it. */
  public static ReportData read(byte[] json) throws IOException {
    JsonNode root = JSON.readTree(json);
    List<EpochStats> history = new ArrayList<>();
    root.path("history").forEach(e -> history.add(epoch(e)));
    double[] rates = new double[root.path("learning_rates").size()];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = root.path("learning_rates").get(i).asDouble();
    }
    List<String> names = new ArrayList<>();
    root.path("class_names").forEach(n -> names.add(n.asText()));
    long[][] confusion = root.has("confusion")
        ? JSON.treeToValue(root.get("confusion"), long[][].class) : null;
    RowSample sample = null;
    if (root.has("sample")) {
      JsonNode s = root.get("sample");
      sample = new RowSample(s.get("rows").asInt(), JSON.treeToValue(s.get("x"), float[].class),
          JSON.treeToValue(s.get("truth"), float[].class),
          JSON.treeToValue(s.get("predicted"), float[].class));
    }
    DecisionPlane plane = null;
    if (root.has("plane")) {
      JsonNode p = root.get("plane");
      plane = new DecisionPlane(p.get("x_min").asDouble(), p.get("x_max").asDouble(),
          p.get("y_min").asDouble(), p.get("y_max").asDouble(), p.get("n").asInt(),
          JSON.treeToValue(p.get("classes"), int[].class));
    }
    List<UpdateSplit> split = new ArrayList<>();
    root.path("update_split").forEach(w -> split.add(new UpdateSplit(w.get("window").asText(),
        w.get("from").asInt(), w.get("to").asInt(), number(w, "wall_ms"),
        number(w, "compute_ms"), number(w, "spark_ms"))));
    return new ReportData(root.path("title").asText(), root.path("classifies").asBoolean(),
        root.path("outputs").asInt(), history, rates, root.path("best_epoch").asInt(),
        root.path("stop_reason").asText(), names, root.path("evaluated_on").asText(), confusion,
        sample, plane, split, texts(root.path("settings")), root.path("model_summary").asText(),
        texts(root.path("figures")));
  }

  /**
   * The report a run directory gives without {@code report-data.json}: its learning curves
   * ({@code metrics.jsonl}), settings and figures ({@code summary.json}).
   */
  public static ReportData fromRunFiles(String title, byte[] summary, List<String> metrics)
      throws IOException {
    JsonNode root = JSON.readTree(summary);
    List<EpochStats> history = new ArrayList<>();
    for (String line : metrics) {
      if (!line.isBlank()) {
        history.add(epoch(JSON.readTree(line)));
      }
    }
    Map<String, String> figures = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getValue().isValueNode()) {
        figures.put(f.getKey(), f.getValue().isDouble()
            ? RunReport.text(f.getValue().asDouble()) : f.getValue().asText());
      }
    }
    Map<String, String> settings = texts(root.path("settings"));
    String layers = settings.getOrDefault("layers", "");
    int outputs = layers.isEmpty() ? 1
        : Integer.parseInt(layers.substring(layers.lastIndexOf(',') + 1).trim());
    List<String> names = new ArrayList<>();
    root.path("class_names").forEach(n -> names.add(n.asText()));
    return new ReportData(title, root.has("train_accuracy"), outputs, history,
        new double[history.size()], root.path("best_epoch").asInt(),
        root.path("stop_reason").asText(), names, "", null, null, null, List.of(), settings,
        "", figures);
  }

  static EpochStats epoch(JsonNode e) {
    return new EpochStats(e.path("epoch").asInt(), e.path("iterations").asInt(),
        number(e, "loss"), number(e, "accuracy"), number(e, "validation_loss"),
        number(e, "validation_accuracy"), number(e, "samples_per_second"),
        number(e, "elapsed_seconds"));
  }

  private static double number(JsonNode o, String key) {
    JsonNode v = o.get(key);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  private static void number(ObjectNode o, String key, double v) {
    if (!Double.isNaN(v)) {
      o.put(key, v);
    }
  }

  private static Map<String, String> texts(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
    return out;
  }
}
