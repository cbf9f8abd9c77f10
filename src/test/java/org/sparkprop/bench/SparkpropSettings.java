package org.sparkprop.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;

/**
 * A sparkprop job for Fashion-MNIST built through the project's own settings, as
 * {@code scripts/train} would build it: ReLU hidden layers, softmax output with cross-entropy,
 * mini-batches.
 */
final class SparkpropSettings {

  private SparkpropSettings() {}

  /** Settings with the benchmark's fixed part plus {@code overrides} (name → value). */
  static Settings of(String layers, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("layers", layers);
    values.put("activation", "relu");
    values.put("output", "softmax");
    values.put("loss", "cross_entropy");
    values.put("mode", "minibatch");
    // The training the benchmarks were measured with, whatever the defaults become: momentum at
    // its own step, batches of 32, 50 epochs, a constant rate, raw inputs (overrides win).
    values.put("optimizer", "momentum");
    values.put("stepSize", "auto");
    values.put("batchSize", "32");
    values.put("epochs", "50");
    values.put("schedule", "constant");
    values.put("warmupEpochs", "0");
    values.put("standardize", "false");
    values.put("seed", "1");
    values.put("partitions", "2");
    values.put("master", "local[2]");
    values.putAll(overrides);
    Settings s = Settings.defaults();
    for (Map.Entry<String, String> e : values.entrySet()) {
      s = s.with(e.getKey(), e.getValue(), "benchmark");
    }
    return s;
  }

  /** Parses "name=value,name=value" (values may not contain commas; layers use ':' instead). */
  static Map<String, String> parse(String spec) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected name=value, got '" + part + "'");
      }
      m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim().replace(':', ','));
    }
    return m;
  }

  static JobConfig config(String layers, Map<String, String> overrides) {
    return JobConfig.from(of(layers, overrides));
  }
}
