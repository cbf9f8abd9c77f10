package org.sparkprop.train;

import static org.sparkprop.settings.Scope.BOTH;
import static org.sparkprop.settings.Scope.JOB;
import static org.sparkprop.settings.Scope.PARAM;
import static org.sparkprop.settings.SettingType.BOOLEAN;
import static org.sparkprop.settings.SettingType.DOUBLE;
import static org.sparkprop.settings.SettingType.DOUBLE_OR_AUTO;
import static org.sparkprop.settings.SettingType.INT;
import static org.sparkprop.settings.SettingType.INT_LIST;
import static org.sparkprop.settings.SettingType.LONG;
import static org.sparkprop.settings.SettingType.TEXT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkprop.augment.ImageShape;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Init;
import org.sparkprop.nn.Loss;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.optim.Optimizers;
import org.sparkprop.settings.Allowed;
import org.sparkprop.settings.Scope;
import org.sparkprop.settings.Setting;
import org.sparkprop.settings.SettingType;

/**
 * Every setting, declared once, in the order of the settings table: the command line's job
 * settings, the Estimator params, and the MLlib-named params ({@code maxIter}, {@code blockSize},
 * {@code solver}) with MLlib's meaning and defaults. {@link Settings}, {@link JobConfig}, the
 * params of the Estimators, {@code --help} and docs/settings.md all derive from this list.
 */
public final class SettingRegistry {

  private SettingRegistry() {}

  /** The storage levels of Spark that may hold the cached shards. */
  public static final List<String> STORAGE_LEVELS = List.of("MEMORY_AND_DISK",
      "MEMORY_ONLY", "DISK_ONLY", "MEMORY_AND_DISK_SER", "MEMORY_ONLY_SER", "MEMORY_AND_DISK_2",
      "MEMORY_ONLY_2", "DISK_ONLY_2", "DISK_ONLY_3", "MEMORY_AND_DISK_SER_2", "MEMORY_ONLY_SER_2",
      "OFF_HEAP");

  /** The names of the optimizers, lbfgs included. */
  public static final List<String> OPTIMIZERS = optimizers();

  /** Every setting, in table order. */
  public static final List<Setting> ALL = List.of(
      s("layers", INT_LIST, "2,48,48,48,2", layers(), "layer sizes M0,M1,...,ML (inputs first,"
          + " outputs last); the param has no default, as in MLlib", BOTH, Setting.UNSET),
      s("activation", TEXT, "relu", Allowed.parsedBy("an activation: " + Activations.names()
          + ", with a parameter as in leaky_relu:0.1", Activations::parse),
          "hidden-layer activation: linear, relu, step, sigmoid, tanh, softsign (or fast), softmax,"
          + " leaky_relu[:alpha], prelu[:alpha0], elu[:alpha], maxout[:k]; param unset: sigmoid"
          + " (MLlib's) when optimizer is unset, else relu", BOTH, Setting.UNSET),
      s("output", TEXT, "softmax", Allowed.parsedBy("an activation: " + Activations.names(),
          Activations::parse), "output activation: softmax, sigmoid, linear (regression)", JOB),
      s("loss", TEXT, "auto", Allowed.parsedBy("auto, squared or cross_entropy",
          v -> {
            if (!v.trim().equalsIgnoreCase("auto")) {
              Loss.parse(v);
            }
          }), "squared or cross_entropy; auto = cross_entropy for softmax output, else squared",
          JOB),
      s("connections", TEXT, "", any("k<-i,j entries separated by ;"), "feed-forward inputs:"
          + " k<-i,j makes layer k read layers i and j (0 = inputs); entries separated by ;", BOTH),
      s("residual", TEXT, "", any("a-b entries separated by ;"), "residual blocks a-b: layer b"
          + " outputs f(s^a) + s^a (equal sizes); entries separated by ;", BOTH),
      s("dropout", TEXT, "0", any("one rate in [0, 1), or one per hidden layer"),
          "drop-out rate of the hidden layers (one value, or one per hidden layer); training only",
          BOTH),
      s("layerNorm", TEXT, "false", any("true, false, or layers like 1,2"), "layer"
          + " normalization with learnable gamma, beta: true (all hidden layers), false, or layers"
          + " like 1,2", BOTH),
      s("batchNorm", TEXT, "false", any("true, false, or layers like 1,2"), "batch"
          + " normalization (per-shard statistics) with gamma, beta: true, false, or layers like"
          + " 1,2", BOTH),
      s("batchNormMomentum", DOUBLE, "0.1", Allowed.range(0, false, 1, true),
          "batchNorm: weight of the newest batch in the running mean and variance", BOTH),
      s("normEpsilon", DOUBLE, "1e-5", Allowed.greaterThan(0),
          "epsilon under the square roots of standardize, layerNorm and batchNorm", BOTH),
      s("standardize", BOOLEAN, "true", bool(),
          "standardize inputs with the training mean and variance, inside the model; param"
          + " unset: true for the classifier (its L-BFGS in float precision needs it to fit as"
          + " MLlib's does on raw inputs), false for the regressor", BOTH, Setting.UNSET),
      s("mode", TEXT, "minibatch", Allowed.parsedBy("one of auto, batch, minibatch, incremental",
          v -> {
            if (!v.trim().equalsIgnoreCase("auto")) {
              Mode.parse(v);
            }
          }), "batch (N samples per update), minibatch (batchSize), incremental (1); auto: batch"
          + " for optimizer lbfgs and for both MLlib solvers, else minibatch", BOTH, "auto"),
      s("batchSize", INT, "128", Allowed.atLeast(1), "samples per update in minibatch mode (B)",
          BOTH, "128"),
      s("blockSize", INT, "128", Allowed.atLeast(1), "MLlib's blockSize: rows stacked into one"
          + " matrix for speed; results do not depend on it, accepted with every solver and"
          + " logged as unused (sparkprop packs rows its own way; its batch size is batchSize)",
          PARAM),
      s("optimizer", TEXT, "adam", Allowed.parsedBy("one of "
          + String.join(", ", OPTIMIZERS), SettingRegistry::optimizer), "sgd, momentum, nag,"
          + " adagrad, adadelta, rmsprop, adam, adamax, nadam, lbfgs (needs mode=batch); param"
          + " unset: from solver; set, it wins over solver", BOTH, Setting.UNSET),
      s("solver", TEXT, "l-bfgs", Allowed.oneOf("l-bfgs", "gd"), "MLlib's solver: l-bfgs"
          + " (optimizer lbfgs, mode batch) or gd (full-batch gradient descent: optimizer sgd,"
          + " mode batch); used while optimizer is unset (optimizer wins when both are set)",
          PARAM),
      s("stepSize", DOUBLE_OR_AUTO, "0.03", Allowed.greaterThan(0), "learning rate rho (auto:"
          + " the optimizer's default); the default 0.03 is adam's for the default job (with"
          + " another optimizer set stepSize, e.g. auto; lbfgs ignores the default); the param's"
          + " default 0.03 (MLlib's) applies to solver gd; with solver l-bfgs (optimizer unset)"
          + " it is accepted and logged as unused", BOTH, "0.03"),
      s("momentum", DOUBLE_OR_AUTO, "auto", Allowed.range(0, true, 1, false),
          "momentum nu of momentum and nag (auto: 0.9)", BOTH, Setting.UNSET),
      s("beta1", DOUBLE_OR_AUTO, "auto", Allowed.range(0, true, 1, false),
          "first-moment decay of adam, adamax, nadam (auto: 0.9)", BOTH, Setting.UNSET),
      s("beta2", DOUBLE_OR_AUTO, "auto", Allowed.range(0, true, 1, false),
          "second-moment decay of adam, adamax, nadam (auto: 0.999)", BOTH, Setting.UNSET),
      s("epsilon", DOUBLE_OR_AUTO, "auto", Allowed.greaterThan(0),
          "denominator guard of adagrad, adadelta, rmsprop, adam, nadam", BOTH, Setting.UNSET),
      s("decay", DOUBLE_OR_AUTO, "auto", Allowed.range(0, true, 1, false),
          "moving-average decay of adadelta (0.95) and rmsprop (0.9)", BOTH, Setting.UNSET),
      s("lbfgsMemory", INT, "10", Allowed.atLeast(1), "lbfgs: number of (s, y) pairs kept", BOTH),
      s("schedule", TEXT, "cosine", Allowed.oneOf("constant", "step", "exponential", "cosine"),
          "learning-rate schedule: constant, step, exponential, cosine", BOTH, "constant"),
      s("scheduleEvery", INT, "10", Allowed.atLeast(1),
          "step schedule: epochs between two decays", BOTH),
      s("scheduleGamma", DOUBLE, "0.5", Allowed.range(0, false, 1, true),
          "step and exponential schedules: decay factor", BOTH),
      s("scheduleMin", DOUBLE, "0", Allowed.range(0, true, 1, true),
          "cosine schedule: final factor of the learning rate", BOTH),
      s("warmupEpochs", INT, "1", Allowed.atLeast(0),
          "epochs of linear learning-rate warmup before the schedule", BOTH, "0"),
      s("l2", DOUBLE, "0", Allowed.atLeast(0.0),
          "L2 regularization lambda: adds lambda/2 * sum(theta^2)", BOTH),
      s("l1", DOUBLE, "0", Allowed.atLeast(0.0),
          "L1 regularization lambda: adds lambda * sum(|theta|)", BOTH),
      s("regularizeBias", BOOLEAN, "false", bool(), "whether l1/l2 also apply to the biases",
          BOTH),
      s("clipNorm", DOUBLE, "0", Allowed.atLeast(0.0),
          "scale the gradient to at most this global L2 norm (0: off)", BOTH),
      s("clipValue", DOUBLE, "0", Allowed.atLeast(0.0),
          "clamp every gradient entry to [-c, c] (0: off)", BOTH),
      s("inputNoise", DOUBLE, "0", Allowed.atLeast(0.0),
          "standard deviation of Gaussian noise added to training inputs (as augment.noise)",
          BOTH),
      s("augment.flip", BOOLEAN, "false", bool(),
          "augmentation: flip training images left to right with probability 1/2", JOB),
      s("augment.rotate", DOUBLE, "0", Allowed.range(0, true, 180, true),
          "augmentation: rotate training images by up to this many degrees either way"
          + " (bilinear)", JOB),
      s("augment.shift", INT, "0", Allowed.atLeast(0),
          "augmentation: translate training images by up to this many pixels on each axis", JOB),
      s("augment.crop", TEXT, "", Allowed.check("empty, or PAD:SIZE with whole numbers PAD >= 0"
          + " and SIZE >= 1, such as 4:28", v -> cropOf(String.valueOf(v)) != null),
          "augmentation: random SIZE x SIZE crop of the image padded by PAD zero pixels, scaled"
          + " back to the image size when SIZE differs from it (PAD:SIZE; empty: off)", JOB),
      s("augment.brightness", DOUBLE, "0", Allowed.range(0, true, 1, true),
          "augmentation: scale training images by a factor drawn from [1-b, 1+b]", JOB),
      s("augment.contrast", DOUBLE, "0", Allowed.range(0, true, 1, true),
          "augmentation: change the contrast by a factor drawn from [1-c, 1+c]", JOB),
      s("augment.saturation", DOUBLE, "0", Allowed.range(0, true, 1, true),
          "augmentation: change the saturation of RGB images by a factor from [1-s, 1+s]", JOB),
      s("augment.noise", DOUBLE, "0", Allowed.atLeast(0.0),
          "augmentation: standard deviation of Gaussian noise added to every training input"
          + " (inputNoise is the same setting under its older name)", JOB),
      s("distill.teacher", TEXT, "", Allowed.any("empty, or a model directory (a Hadoop URI)"),
          "knowledge distillation: the directory of a trained classifier whose soft targets the"
          + " network learns from beside the labels (empty: off)", BOTH),
      s("distill.unlabeled", TEXT, "", Allowed.any("empty, or a data set (a Hadoop URI) in"
          + " data.format: idx images without a labels file"),
          "knowledge distillation: rows without labels (idx images, no labels file) that join"
          + " the training rows and learn from the teacher's soft targets only (needs"
          + " distill.teacher; empty: none)", JOB),
      s("distill.temperature", DOUBLE, "4", Allowed.range(0, false, 100, true),
          "knowledge distillation: the temperature T of the teacher's and the student's softmax"
          + " in the soft term", BOTH),
      s("distill.alpha", DOUBLE, "0.9", Allowed.range(0, true, 1, true),
          "knowledge distillation: the weight of the soft term, alpha*T^2*CE(soft teacher, soft"
          + " student) + (1-alpha)*CE(labels, student)", BOTH),
      s("augment.text.copies", INT, "0", Allowed.atLeast(0), "text augmentation"
          + " (data.format=text): changed copies added to the training set per record, made once"
          + " before the features (0: off)", JOB),
      s("augment.text.synonyms", TEXT, "wordnet", Allowed.nonEmpty(), "text augmentation:"
          + " synonyms from wordnet (/usr/share/wordnet), wordnet:DIR, or a word<TAB>syn1,syn2"
          + " table (a path or URI)", JOB),
      s("augment.text.substitute", INT, "0", Allowed.atLeast(0),
          "text augmentation: words replaced by a synonym, per copy", JOB),
      s("augment.text.insert", INT, "0", Allowed.atLeast(0), "text augmentation: synonyms of"
          + " words of the record inserted at random places, per copy", JOB),
      s("augment.text.swap", INT, "0", Allowed.atLeast(0),
          "text augmentation: random pairs of words exchanged, per copy", JOB),
      s("augment.text.delete", DOUBLE, "0", Allowed.range(0, true, 1, false), "text"
          + " augmentation: probability that a word is deleted (a record keeps one word)", JOB),
      s("curriculum", BOOLEAN, "false", bool(),
          "visit samples easiest first (by current loss) at the start", BOTH),
      s("curriculumEpochs", INT, "1", Allowed.atLeast(1),
          "curriculum: number of first epochs ordered easiest first", BOTH),
      s("quantize.aware", BOOLEAN, "false", bool(), "quantization-aware training: forward and"
          + " backward passes see the weights fake-quantized to quantize.type, the float weights"
          + " take the (straight-through) gradient", BOTH),
      s("quantize.type", TEXT, "int8", Allowed.parsedBy("one of int8, float16",
          v -> QuantizedType.parse(String.valueOf(v), "quantize.type")),
          "quantize.aware: the weights' type, int8 (per-row scales) or float16", BOTH),
      s("init", TEXT, "auto", Allowed.parsedBy("one of auto, xavier, xavier_normal, he,"
          + " he_uniform, uniform, mllib", v -> Init.parse(v, 0.1)), "initial weights: auto (he"
          + " for the relu family, else xavier), xavier, xavier_normal, he, he_uniform, uniform,"
          + " mllib (U(-a, a), a = 2.4/sqrt(fan-in), as MLlib's perceptron); param unset: mllib"
          + " when optimizer is unset, else auto", BOTH),
      s("initRange", DOUBLE, "0.1", Allowed.greaterThan(0),
          "init=uniform: weights drawn from U(-r, r)", BOTH),
      s("epochs", INT, "25", Allowed.atLeast(1), "maximum number of epochs (iterations for"
          + " lbfgs)", BOTH, "100"),
      s("maxIter", INT, "100", Allowed.atLeast(0), "MLlib's maxIter: maximum number of"
          + " iterations (full-batch for both solvers: one iteration is one epoch); 0 returns the"
          + " initial weights; epochs wins when both are set", PARAM),
      s("tol", DOUBLE, "0", Allowed.atLeast(0.0), "stop when the relative change of the epoch"
          + " training loss is <= tol (0: off); the param's default is MLlib's", BOTH, "1e-6"),
      s("validationFraction", DOUBLE, "0", Allowed.range(0, true, 1, false),
          "fraction of the training data held out for validation", BOTH),
      s("patience", INT, "0", Allowed.atLeast(0), "with validation: stop after this many epochs"
          + " without improvement, keep the best weights (0: off)", BOTH),
      s("prune.method", TEXT, "magnitude", Allowed.oneOf("magnitude", "saliency", "penalty"),
          "pruning: relevance of a weight: magnitude |θ|, saliency Σ_batches |θ·g| (one pass"
          + " over the data), penalty (train with l1, remove what is under prune.threshold)",
          BOTH),
      s("prune.target", DOUBLE, "0", Allowed.range(0, true, 1, false), "pruning: fraction of"
          + " connection weights (of hidden units with prune.units) removed at the end; 0: off",
          BOTH),
      s("prune.steps", INT, "4", Allowed.atLeast(1), "pruning: steps towards prune.target"
          + " (cubic schedule: large steps first)", BOTH),
      s("prune.every", INT, "1", Allowed.atLeast(0), "pruning: epochs of fine-tuning after each"
          + " step", BOTH),
      s("prune.units", BOOLEAN, "false", bool(), "pruning: remove whole hidden units (the"
          + " saved model's layers shrink)", BOTH),
      s("prune.threshold", DOUBLE, "0", Allowed.atLeast(0.0), "pruning with prune.method="
          + "penalty: weights |θ| (units: L2 norm of incoming weights) under it are removed",
          BOTH),
      s("prune.groupLambda", DOUBLE, "0", Allowed.atLeast(0.0), "group lasso: λ Σ over hidden"
          + " units of the L2 norm of their incoming weights (drives whole units to 0; with"
          + " prune.method=penalty and prune.units); 0: off", BOTH),
      s("prune.from", TEXT, "", any("a model directory, or empty"), "pruning: start from this"
          + " saved model instead of training first (its layers must match)", JOB),
      s("checkpointDir", TEXT, "", any("a directory URI, or empty"), "directory (any Hadoop file"
          + " system URI) for checkpoints; empty: none", BOTH),
      s("checkpointEvery", INT, "1", Allowed.atLeast(1), "epochs between two checkpoints", BOTH),
      s("checkpointEveryUpdates", INT, "0", Allowed.atLeast(0), "write a checkpoint every N"
          + " updates within an epoch; 0 = only at epoch ends", BOTH),
      s("checkpointKeep", INT, "3", Allowed.atLeast(1), "number of newest checkpoints kept",
          BOTH),
      s("resume", BOOLEAN, "false", bool(), "continue from the newest checkpoint in"
          + " checkpointDir (the command line's --resume); epochs may grow", PARAM),
      s("seed", LONG, "1", any("an integer"), "seed of the initial weights, the data split and"
          + " the batch order; the param's default is the hash of the class name, as in MLlib",
          BOTH, Setting.CLASS_HASH),
      s("partitions", INT, "0", Allowed.atLeast(0),
          "data partitions = shards (0: Spark's default parallelism)", BOTH),
      s("master", TEXT, "local[*]", Allowed.nonEmpty(),
          "Spark master, unless spark-submit already set one", JOB),
      s("executorJit", TEXT, "auto", Allowed.oneOf("auto", "tiered", "c1"), "JIT compilers of"
          + " the executors a job started here launches (none in local mode): tiered (the JVM's"
          + " C1 then C2), c1 (C1 alone: a quicker start, slower long runs), auto (c1 for"
          + " generated data with epochs x data.samples x parameters <= 1e10, else tiered);"
          + " executor JVM options that set a level themselves win", JOB),
      s("treeDepth", INT, "2", Allowed.atLeast(1),
          "depth of the treeAggregate that combines gradients", BOTH),
      s("deterministic", BOOLEAN, "true", bool(),
          "add partial gradients in partition order: the same bits on every run", BOTH),
      s("sync", TEXT, "auto", Allowed.parsedBy(SyncMode.FORMS, SyncMode::parse),
          "how shards synchronize: step (a Spark job per update), barrier (one barrier stage"
          + " runs many updates, same Θ), local:K (local SGD), auto (barrier when the job"
          + " and the task slots allow it, else step)",
          BOTH),
      s("weightCol", TEXT, "", any("a column name, or empty"), "weight column; weights must be"
          + " finite and >= 0, row n counts w_n times (unset or empty: every weight is 1)", PARAM,
          Setting.UNSET),
      s("data.format", TEXT, "synthetic",
          Allowed.oneOf("synthetic", "idx", "csv", "libsvm", "parquet", "text"),
          "synthetic, idx, csv, libsvm, parquet or text (records of text, docs/data.md)", JOB),
      s("data.train", TEXT, "spirals", Allowed.nonEmpty(), "training data: a file/path, or a"
          + " synthetic set (spirals, circles, xor, sine)", JOB),
      s("data.train.labels", TEXT, "", any("a file, or empty"), "idx only: labels file"
          + " (default: images name with images-idx3 -> labels-idx1)", JOB),
      s("data.validation", TEXT, "", any("a file, or empty"),
          "validation data (same format; overrides validationFraction)", JOB),
      s("data.test", TEXT, "", any("a file, or empty"),
          "test data (empty: hold out data.testFraction of the training data)", JOB),
      s("data.test.labels", TEXT, "", any("a file, or empty"),
          "idx only: test labels file (default derived as for data.train.labels)", JOB),
      s("data.validation.labels", TEXT, "", any("a file, or empty"),
          "idx only: validation labels file", JOB),
      s("data.testFraction", DOUBLE, "0.25", Allowed.range(0, false, 1, false),
          "fraction held out for testing when data.test is empty", JOB),
      s("data.samples", INT, "2000", Allowed.atLeast(2),
          "synthetic only: number of samples generated", JOB),
      s("data.noise", DOUBLE, "0.1", Allowed.atLeast(0.0),
          "synthetic only: standard deviation of the added noise", JOB),
      s("data.labelColumn", TEXT, "0", Allowed.check("a 0-based column index >= 0, or a comma"
          + " list of distinct ones such as 4,5", v -> labelColumns(String.valueOf(v)) != null),
          "csv only: 0-based column of the label (a comma list such as 4,5: one target per"
          + " column)", JOB),
      s("data.header", BOOLEAN, "false", bool(), "csv only: whether the first line is a header",
          JOB),
      s("data.scale", BOOLEAN, "true", bool(), "idx only: divide pixel values by 255", JOB),
      s("data.imageShape", TEXT, "", Allowed.check("empty, or HEIGHTxWIDTHxCHANNELS such as"
          + " 32x32x3", v -> String.valueOf(v).isBlank() || imageShapeOf(String.valueOf(v))),
          "image shape of an input row, row-major with channels last (HxWxC), for augment.*;"
          + " IDX files declare their own", JOB),
      s("data.numFeatures", INT, "0", Allowed.atLeast(0),
          "libsvm only: features per row (0: infer from the data)", JOB),
      s("data.sparse", TEXT, "auto", Allowed.oneOf("auto", "true", "false"),
          "hold the inputs as compressed sparse rows: true, false, or auto (sparse when every"
          + " row arrives as a sparse vector, at most 5% of the inputs are stored, and the"
          + " network reads its inputs through its first layers only)", JOB),
      s("data.featuresCol", TEXT, "features", Allowed.nonEmpty(),
          "parquet only: features column (vector or array<float|double>)", JOB),
      s("data.labelCol", TEXT, "label", Allowed.check("a column name, or a comma list of"
          + " distinct names such as a,b", v -> labelCols(String.valueOf(v)) != null),
          "parquet only: label column (a comma list such as a,b: one target per column)", JOB),
      s("data.text.layout", TEXT, "files", Allowed.oneOf("files", "csv", "parquet"), "text"
          + " only: files (a directory, one file per class, records between lines holding only"
          + " %), csv (with a header) or parquet with columns data.text.column and data.labelCol",
          JOB),
      s("data.text.column", TEXT, "text", Allowed.nonEmpty(),
          "text only, csv and parquet layouts: the column of the text", JOB),
      s("data.text.vectorizer", TEXT, "hashing", Allowed.oneOf("hashing", "count"), "text only:"
          + " term counts by hashing (HashingTF) or by a vocabulary fit on the training set"
          + " (CountVectorizer)", JOB),
      s("data.text.features", INT, "4096", Allowed.atLeast(1), "text only: features per record"
          + " (the hashing dimension, or the largest vocabulary); layers must start with it",
          JOB),
      s("data.text.idf", BOOLEAN, "true", bool(), "text only: weigh term counts by their inverse"
          + " document frequency in the training set (IDF)", JOB),
      s("data.classNames", TEXT, "", any("names separated by commas, class 0 first, or empty"),
          "names of the classes 0, 1, ... for reports, separated by commas (empty: text labels'"
          + " own, else the class numbers)", JOB),
      s("data.storageLevel", TEXT, "MEMORY_AND_DISK", Allowed.check("one of "
          + String.join(", ", STORAGE_LEVELS),
          v -> STORAGE_LEVELS.contains(String.valueOf(v).trim().toUpperCase(Locale.ROOT))),
          "storage level of the cached shards: MEMORY_AND_DISK, MEMORY_ONLY, DISK_ONLY, their"
          + " _SER and _2 forms, OFF_HEAP", JOB),
      s("data.outputFiles", INT, "0", Allowed.atLeast(0),
          "predict: number of files written (0: one per partition of the data)", JOB));

  private static final Map<String, Setting> BY_NAME = byName();

  /** The setting called {@code name}, or null. */
  public static Setting find(String name) {
    return BY_NAME.get(name);
  }

  /** The setting called {@code name}; an unknown name is a programming error. */
  public static Setting get(String name) {
    Setting s = BY_NAME.get(name);
    if (s == null) {
      throw new IllegalStateException("no setting " + name + " in SettingRegistry.ALL");
    }
    return s;
  }

  /** The job settings (config file, --set, spark.sparkprop.*), in table order. */
  public static List<Setting> jobSettings() {
    return ALL.stream().filter(s -> s.scope().job()).toList();
  }

  /** The Estimator params, in table order. */
  public static List<Setting> params() {
    return ALL.stream().filter(s -> s.scope().param()).toList();
  }

  /** The distinct columns of {@code data.labelColumn}, or null when it is not such a list. */
  public static List<Integer> labelColumns(String value) {
    List<Integer> columns = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      int c;
      try {
        c = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        return null;
      }
      if (c < 0 || columns.contains(c)) {
        return null;
      }
      columns.add(c);
    }
    return columns;
  }

  /** The distinct names of {@code data.labelCol}, or null when it is not such a list. */
  public static List<String> labelCols(String value) {
    List<String> names = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String name = part.trim();
      if (name.isEmpty() || names.contains(name)) {
        return null;
      }
      names.add(name);
    }
    return names;
  }

  private static void optimizer(String name) {
    if (!OPTIMIZERS.contains(name.trim().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("unknown optimizer '" + name + "'");
    }
  }

  private static List<String> optimizers() {
    List<String> names = new ArrayList<>(Optimizers.NAMES);
    names.add("lbfgs");
    return List.copyOf(names);
  }

  private static Allowed layers() {
    return Allowed.check("sizes M0,M1,...,ML: at least two, each >= 1, e.g. 784,128,10", v -> {
      int[] sizes = (int[]) v;
      return sizes.length >= 2 && java.util.Arrays.stream(sizes).allMatch(m -> m >= 1);
    });
  }

  private static Allowed bool() {
    return Allowed.any("true or false");
  }

  private static Allowed any(String description) {
    return Allowed.any(description);
  }

  /**
   * The padding and size of an {@code augment.crop} value {@code PAD:SIZE}: {0, 0} when empty
   * (no crop), null when malformed.
   */
  public static int[] cropOf(String value) {
    String v = value.trim();
    if (v.isEmpty()) {
      return new int[] {0, 0};
    }
    String[] parts = v.split(":");
    if (parts.length != 2) {
      return null;
    }
    try {
      int pad = Integer.parseInt(parts[0].trim());
      int size = Integer.parseInt(parts[1].trim());
      return pad >= 0 && size >= 1 ? new int[] {pad, size} : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean imageShapeOf(String value) {
    try {
      ImageShape.parse(value, "data.imageShape");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Setting s(String name, SettingType type, String value, Allowed allowed,
      String doc, Scope scope) {
    return new Setting(name, type, value, allowed, doc, scope);
  }

  private static Setting s(String name, SettingType type, String value, Allowed allowed,
      String doc, Scope scope, String paramDefault) {
    return new Setting(name, type, value, allowed, doc, scope, paramDefault);
  }

  private static Map<String, Setting> byName() {
    Map<String, Setting> map = new LinkedHashMap<>();
    for (Setting s : ALL) {
      if (map.put(s.name(), s) != null) {
        throw new IllegalStateException("setting " + s.name() + " is declared twice");
      }
    }
    return map;
  }
}
