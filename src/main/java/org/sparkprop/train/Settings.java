package org.sparkprop.train;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The effective settings of a job: every known setting with its default, overridden by a config
 * file (Java-properties syntax, {@code name = value}, {@code #} comments) and then by
 * {@code --set name=value} overrides, in that order. Unknown names are refused at once with the
 * nearest known name; values are checked when {@link JobConfig} types them.
 */
public final class Settings {

  /** Every setting, in the order of the table in docs/settings.md. */
  public static final List<Setting> KNOWN = List.of(
      new Setting("layers", "2,32,32,2", "layer sizes M0,M1,...,ML (inputs first, outputs last)"),
      new Setting("activation", "relu", "hidden-layer activation: linear, relu, step, sigmoid, tanh, fast, softmax, leaky_relu[:alpha], prelu[:alpha0], elu[:alpha], maxout[:k]"),
      new Setting("output", "softmax", "output activation: softmax, sigmoid, linear (regression)"),
      new Setting("loss", "auto", "squared or cross_entropy; auto = cross_entropy for softmax output, else squared"),
      new Setting("connections", "", "feed-forward inputs: k<-i,j makes layer k read layers i and j (0 = inputs); entries separated by ;"),
      new Setting("residual", "", "residual blocks a-b: layer b outputs f(s^a) + s^a (equal sizes); entries separated by ;"),
      new Setting("dropout", "0", "drop-out rate of the hidden layers (one value, or one per hidden layer); training only"),
      new Setting("layerNorm", "false", "layer normalization with learnable gamma, beta: true (all hidden layers), false, or layers like 1,2"),
      new Setting("batchNorm", "false", "batch normalization (per-shard statistics) with gamma, beta: true, false, or layers like 1,2"),
      new Setting("batchNormMomentum", "0.1", "batchNorm: weight of the newest batch in the running mean and variance"),
      new Setting("normEpsilon", "1e-5", "epsilon under the square roots of standardize, layerNorm and batchNorm"),
      new Setting("standardize", "false", "standardize inputs with the training mean and variance, inside the model"),
      new Setting("mode", "minibatch", "batch (N samples per update), minibatch (batchSize), incremental (1)"),
      new Setting("batchSize", "32", "samples per update in minibatch mode (B)"),
      new Setting("optimizer", "momentum", "sgd, momentum, nag, adagrad, adadelta, rmsprop, adam, adamax, nadam, lbfgs (needs mode=batch)"),
      new Setting("stepSize", "auto", "learning rate rho (auto: the optimizer's default)"),
      new Setting("momentum", "auto", "momentum nu of momentum and nag (auto: 0.9)"),
      new Setting("beta1", "auto", "first-moment decay of adam, adamax, nadam (auto: 0.9)"),
      new Setting("beta2", "auto", "second-moment decay of adam, adamax, nadam (auto: 0.999)"),
      new Setting("epsilon", "auto", "denominator guard of adagrad, adadelta, rmsprop, adam, nadam"),
      new Setting("decay", "auto", "moving-average decay of adadelta (0.95) and rmsprop (0.9)"),
      new Setting("lbfgsMemory", "10", "lbfgs: number of (s, y) pairs kept"),
      new Setting("schedule", "constant", "learning-rate schedule: constant, step, exponential, cosine"),
      new Setting("scheduleEvery", "10", "step schedule: epochs between two decays"),
      new Setting("scheduleGamma", "0.5", "step and exponential schedules: decay factor"),
      new Setting("scheduleMin", "0", "cosine schedule: final factor of the learning rate"),
      new Setting("warmupEpochs", "0", "epochs of linear learning-rate warmup before the schedule"),
      new Setting("l2", "0", "L2 regularization lambda: adds lambda/2 * sum(theta^2)"),
      new Setting("l1", "0", "L1 regularization lambda: adds lambda * sum(|theta|)"),
      new Setting("regularizeBias", "false", "whether l1/l2 also apply to the biases"),
      new Setting("clipNorm", "0", "scale the gradient to at most this global L2 norm (0: off)"),
      new Setting("clipValue", "0", "clamp every gradient entry to [-c, c] (0: off)"),
      new Setting("inputNoise", "0", "standard deviation of Gaussian noise added to training inputs"),
      new Setting("curriculum", "false", "visit samples easiest first (by current loss) at the start"),
      new Setting("curriculumEpochs", "1", "curriculum: number of first epochs ordered easiest first"),
      new Setting("init", "auto", "initial weights: auto (he for the relu family, else xavier), xavier, xavier_normal, he, he_uniform, uniform"),
      new Setting("initRange", "0.1", "init=uniform: weights drawn from U(-r, r)"),
      new Setting("epochs", "50", "maximum number of epochs (iterations for lbfgs)"),
      new Setting("tol", "0", "stop when the relative change of the epoch training loss is <= tol (0: off)"),
      new Setting("validationFraction", "0", "fraction of the training data held out for validation"),
      new Setting("patience", "0", "with validation: stop after this many epochs without improvement, keep the best weights (0: off)"),
      new Setting("checkpointDir", "", "directory (any Hadoop file system URI) for checkpoints; empty: none"),
      new Setting("checkpointEvery", "1", "epochs between two checkpoints"),
      new Setting("checkpointKeep", "3", "number of newest checkpoints kept"),
      new Setting("checkpointEveryUpdates", "0", "also checkpoint within epochs every this many updates (0: only at epoch ends)"),
      new Setting("seed", "1", "seed of the initial weights, the data split and the batch order"),
      new Setting("partitions", "0", "data partitions = shards (0: Spark's default parallelism)"),
      new Setting("master", "local[*]", "Spark master, unless spark-submit already set one"),
      new Setting("treeDepth", "2", "depth of the treeAggregate that combines gradients (>= 1)"),
      new Setting("deterministic", "true", "add partial gradients in partition order: the same bits on every run"),
      new Setting("data.format", "synthetic", "synthetic, idx, csv, libsvm or parquet"),
      new Setting("data.train", "spirals", "training data: a file/path, or a synthetic set (spirals, circles, xor, sine)"),
      new Setting("data.train.labels", "", "idx only: labels file (default: images name with images-idx3 -> labels-idx1)"),
      new Setting("data.validation", "", "validation data (same format; overrides validationFraction)"),
      new Setting("data.test", "", "test data (empty: hold out data.testFraction of the training data)"),
      new Setting("data.test.labels", "", "idx only: test labels file (default derived as for data.train.labels)"),
      new Setting("data.validation.labels", "", "idx only: validation labels file"),
      new Setting("data.testFraction", "0.25", "fraction held out for testing when data.test is empty"),
      new Setting("data.samples", "2000", "synthetic only: number of samples generated"),
      new Setting("data.noise", "0.1", "synthetic only: standard deviation of the added noise"),
      new Setting("data.labelColumn", "0", "csv only: 0-based column of the label (a comma list such as 4,5: one target per column)"),
      new Setting("data.header", "false", "csv only: whether the first line is a header"),
      new Setting("data.scale", "true", "idx only: divide pixel values by 255"),
      new Setting("data.numFeatures", "0", "libsvm only: features per row (0: infer from the data)"),
      new Setting("data.featuresCol", "features", "parquet only: features column (vector or array<float|double>)"),
      new Setting("data.labelCol", "label", "parquet only: label column (a comma list such as a,b: one target per column)"),
      new Setting("data.storageLevel", "MEMORY_AND_DISK", "storage level of the cached shards: MEMORY_AND_DISK, MEMORY_ONLY, DISK_ONLY, their _SER and _2 forms, OFF_HEAP"),
      new Setting("data.outputFiles", "0", "predict: number of files written (0: one per partition of the data)"));

  private static final Map<String, Setting> BY_NAME = new LinkedHashMap<>();

  static {
    for (Setting s : KNOWN) {
      BY_NAME.put(s.name(), s);
    }
  }

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private Settings(Map<String, String> values, Map<String, String> origins) {
    this.values = values;
    this.origins = origins;
  }

  /** The defaults alone. */
  public static Settings defaults() {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (Setting s : KNOWN) {
      values.put(s.name(), s.defaultValue());
      origins.put(s.name(), "default");
    }
    return new Settings(values, origins);
  }

  /** These settings with the file's values on top. A missing file names its path. */
  public Settings withFile(Path file) {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
    }
    Settings result = this;
    for (String name : new java.util.TreeSet<>(props.stringPropertyNames())) {
      result = result.with(name, props.getProperty(name), file.toString());
    }
    return result;
  }

  /** These settings with {@code name} set to {@code value}; {@code origin} says where it came from. */
  public Settings with(String name, String value, String origin) {
    String key = name.trim();
    if (!BY_NAME.containsKey(key)) {
      throw new IllegalArgumentException("unknown setting '" + key + "' (in " + origin + ")"
          + suggestion(key) + "; run with --help for the list");
    }
    Map<String, String> v = new LinkedHashMap<>(values);
    Map<String, String> o = new LinkedHashMap<>(origins);
    v.put(key, value.trim());
    o.put(key, origin);
    return new Settings(v, o);
  }

  /** Applies one {@code name=value} override. */
  public Settings withOverride(String assignment, String origin) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "override '" + assignment + "' (in " + origin + ") must look like name=value");
    }
    return with(assignment.substring(0, eq), assignment.substring(eq + 1), origin);
  }

  /** The value of a known setting. */
  public String get(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("unknown setting '" + name + "'");
    }
    return v;
  }

  /** Where the value of {@code name} came from: default, a file, or an override. */
  public String origin(String name) {
    return origins.get(name);
  }

  /** Every setting and its effective value, in table order. */
  public Map<String, String> values() {
    return Collections.unmodifiableMap(values);
  }

  private static String suggestion(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : BY_NAME.keySet()) {
      int d = distance(name.toLowerCase(), known.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3)
        ? "; did you mean '" + best + "'?" : "";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
