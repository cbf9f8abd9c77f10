package org.sparkprop.train;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.sparkprop.augment.Augmentation;
import org.sparkprop.augment.ImageShape;
import org.sparkprop.augment.TextAugmentation;
import org.sparkprop.nn.Activation;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Init;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Loss;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.QuantizedType;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.SquaredError;
import org.sparkprop.nn.ThetaLayout;
import org.sparkprop.nn.Topology;
import org.sparkprop.optim.ClipNorm;
import org.sparkprop.optim.ClipValue;
import org.sparkprop.optim.GroupLasso;
import org.sparkprop.optim.L1Penalty;
import org.sparkprop.optim.L2Penalty;
import org.sparkprop.optim.Lbfgs;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.OptimizerSettings;
import org.sparkprop.optim.Optimizers;
import org.sparkprop.optim.ParameterMask;
import org.sparkprop.optim.Schedule;
import org.sparkprop.settings.SettingException;
import org.sparkprop.settings.Source;

/**
 * A training job, typed and validated from {@link Settings} before any Spark work starts: every
 * bad value is an error that names the setting, the value and what is allowed.
 *
 * @param optimizer the step rule, or null when {@code lbfgs} is used
 * @param lbfgs full-batch L-BFGS, or null when {@code optimizer} is used
 * @param partitions number of shards; 0 means Spark's default parallelism
 * @param sync how the shards synchronize, as given ({@link #barrier} resolves auto)
 * @param augment what changes each training row before its forward pass; an IDX data set gives
 *     its image shape when {@code data.imageShape} is empty
 * @param quantizeAware the type whose fake-quantized weights the training passes see
 *     ({@link FakeQuantizedSource}), or null for plain float32 training
 */
public record JobConfig(NetworkSpec network, Init init, Mode mode, int batchSize,
    Optimizer optimizer, Lbfgs lbfgs, TrainingConfig training, Augmentation augment, long seed,
    int partitions, String master, int treeDepth, boolean deterministic, SyncMode sync,
    DataConfig data,
    String checkpointDir, int checkpointEvery, int checkpointEveryUpdates, int checkpointKeep,
    String storageLevel, int outputFiles, QuantizedType quantizeAware) {

  /** The storage levels of Spark that may hold the cached shards. */
  public static final List<String> STORAGE_LEVELS = SettingRegistry.STORAGE_LEVELS;

  /**
   * Types and checks every setting: the network, the data, the step rule, the training
   * conditions, the initial weights, then the job's own settings.
   */
  public static JobConfig from(Settings s) {
    NetworkSpec spec = network(s);
    DataConfig data = data(s);
    Mode mode = mode(s);
    Lbfgs lbfgs = lbfgs(s, mode);
    Optimizer optimizer = lbfgs == null ? optimizer(s) : null;
    TrainingConfig training = training(s, spec, data);
    JobConfig job = new JobConfig(spec, init(s), mode,
        s.getInt("batchSize"),
        optimizer, lbfgs, training,
        augmentation(s, data, spec),
        s.getLong("seed"),
        s.getInt("partitions"),
        s.getText("master"),
        s.getInt("treeDepth"),
        s.getBoolean("deterministic"),
        sync(s, spec, lbfgs, training),
        data,
        checkpointDir(s, lbfgs != null),
        s.getInt("checkpointEvery"),
        s.getInt("checkpointEveryUpdates"),
        s.getInt("checkpointKeep"),
        s.getText("data.storageLevel").toUpperCase(Locale.ROOT),
        s.getInt("data.outputFiles"),
        quantizeAware(s));
    if (job.quantizeAware() != null && job.sync().kind() == SyncMode.Kind.LOCAL) {
      throw new SettingException("sync", s.get("sync"), "step, barrier or auto with"
          + " quantize.aware=true");
    }
    if (job.sync().kind() == SyncMode.Kind.LOCAL) {
      LocalSgdTrainer.requireSupported(job, s.get("sync"));
    }
    requireUnlabeledSupported(s, data);
    return job;
  }

  /**
   * Rows without labels ({@code distill.unlabeled}) learn from a teacher only, and are read from
   * IDX images files (no labels file); anything else is refused before any Spark work.
   */
  private static void requireUnlabeledSupported(Settings s, DataConfig data) {
    String unlabeled = s.getText("distill.unlabeled");
    if (unlabeled.isEmpty()) {
      return;
    }
    if (s.getText("distill.teacher").isEmpty()) {
      throw new SettingException("distill.unlabeled", unlabeled, "empty while distill.teacher"
          + " is empty: rows without labels learn from a teacher's soft targets only");
    }
    if (data.format() != DataConfig.Format.IDX) {
      throw new SettingException("distill.unlabeled", unlabeled, "empty with data.format="
          + data.format().name().toLowerCase(Locale.ROOT) + ": rows without labels are read"
          + " from IDX images files only (data.format=idx)");
    }
  }

  /** quantizeType when quantizeAware is true, else null. */
  private static QuantizedType quantizeAware(Settings s) {
    return s.getBoolean("quantize.aware")
        ? QuantizedType.parse(s.getText("quantize.type"), "setting quantize.type") : null;
  }

  /**
   * The augmentation settings ({@code augment.*}, {@code data.imageShape}); {@code inputNoise} is
   * {@code augment.noise} under its older name, and setting both to different values is refused.
   */
  private static Augmentation augmentation(Settings s, DataConfig data, NetworkSpec spec) {
    double noise = s.getDouble("augment.noise");
    double inputNoise = s.getDouble("inputNoise");
    if (s.source("augment.noise") != Source.DEFAULT && s.source("inputNoise") != Source.DEFAULT
        && noise != inputNoise) {
      throw new SettingException("inputNoise", s.get("inputNoise"), "the value of augment.noise ("
          + s.get("augment.noise") + "), or unset: inputNoise is augment.noise's older name");
    }
    if (s.source("augment.noise") == Source.DEFAULT) {
      noise = inputNoise;
    }
    String shapeText = s.getText("data.imageShape");
    ImageShape shape = shapeText.isBlank() ? null
        : ImageShape.parse(shapeText, "setting data.imageShape");
    int[] crop = SettingRegistry.cropOf(s.getText("augment.crop"));
    Augmentation a;
    try {
      a = new Augmentation(shape, s.getBoolean("augment.flip"), s.getDouble("augment.rotate"),
          s.getInt("augment.shift"), crop[0], crop[1], s.getDouble("augment.brightness"),
          s.getDouble("augment.contrast"), s.getDouble("augment.saturation"), noise);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + e.getMessage(), e);
    }
    if (a.needsShape() && shape == null && data.format() != DataConfig.Format.IDX) {
      throw new SettingException("data.imageShape", s.get("data.imageShape"), "HEIGHTxWIDTHx"
          + "CHANNELS (e.g. 28x28x1): image augmentation (augment.flip, rotate, shift, crop,"
          + " brightness, contrast, saturation) needs it; only IDX files declare it themselves");
    }
    if (a.needsShape() && shape != null && shape.size() != spec.size(0)) {
      throw new SettingException("data.imageShape", s.get("data.imageShape"), "a shape of "
          + spec.size(0) + " values, the network's inputs (layers starts with " + spec.size(0)
          + "); " + shape + " holds " + shape.size());
    }
    return a;
  }

  /** The network: layers, activations, loss and architecture. */
  private static NetworkSpec network(Settings s) {
    Activation hidden = Activations.parse(s.getText("activation"));
    Activation output = Activations.parse(s.getText("output"));
    String lossName = s.getText("loss");
    Loss loss = lossName.equalsIgnoreCase("auto")
        ? (output instanceof Softmax ? new CrossEntropy() : new SquaredError())
        : Loss.parse(lossName);
    int[] sizes = s.getIntList("layers");
    Architecture architecture = architecture(s, sizes.length - 1);
    try {
      return new NetworkSpec(sizes, hidden, output, loss, architecture).requireTrainable();
    } catch (SettingException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid network: " + e.getMessage());
    }
  }

  /** The data: format, files, fractions and the format's own settings. */
  private static DataConfig data(Settings s) {
    List<String> labelCols = SettingRegistry.labelCols(s.getText("data.labelCol"));
    String featuresCol = s.getText("data.featuresCol");
    if (labelCols.contains(featuresCol)) {
      throw new SettingException("data.labelCol", s.get("data.labelCol"), "columns other than"
          + " data.featuresCol (" + featuresCol + "); a column is either features or a label");
    }
    return new DataConfig(
        DataConfig.Format.parse(s.getText("data.format")),
        s.getText("data.train"),
        s.getText("data.train.labels"),
        s.getText("data.test"),
        s.getText("data.test.labels"),
        s.getDouble("data.testFraction"),
        s.getText("data.validation"),
        s.getText("data.validation.labels"),
        s.getDouble("validationFraction"),
        s.getInt("data.samples"),
        s.getDouble("data.noise"),
        SettingRegistry.labelColumns(s.getText("data.labelColumn")),
        s.getBoolean("data.header"),
        s.getBoolean("data.scale"),
        s.getInt("data.numFeatures"),
        featuresCol,
        labelCols,
        text(s), Sparsity.parse(s.getText("data.sparse")));
  }

  /** How records of text become features: {@code data.text.*}, {@code augment.text.*}. */
  private static TextConfig text(Settings s) {
    TextAugmentation ops = new TextAugmentation(s.getInt("augment.text.substitute"),
        s.getInt("augment.text.insert"), s.getInt("augment.text.swap"),
        s.getDouble("augment.text.delete"));
    return new TextConfig(s.getText("data.text.layout"), s.getText("data.text.column"),
        s.getText("data.text.vectorizer"), s.getInt("data.text.features"),
        s.getBoolean("data.text.idf"), s.getInt("augment.text.copies"),
        s.getText("augment.text.synonyms"), ops);
  }

  /** The mode; auto is batch for lbfgs and minibatch otherwise. */
  private static Mode mode(Settings s) {
    String mode = s.getText("mode");
    if (mode.equalsIgnoreCase("auto")) {
      return optimizerName(s).equals("lbfgs") ? Mode.BATCH : Mode.MINIBATCH;
    }
    return Mode.parse(mode);
  }

  private static String optimizerName(Settings s) {
    return s.getText("optimizer").toLowerCase(Locale.ROOT);
  }

  private static OptimizerSettings hyperparameters(Settings s) {
    return new OptimizerSettings(s.getDouble("stepSize"), s.getDouble("momentum"),
        s.getDouble("beta1"), s.getDouble("beta2"), s.getDouble("epsilon"), s.getDouble("decay"));
  }

  /** Full-batch L-BFGS when the optimizer is lbfgs, else null. */
  private static Lbfgs lbfgs(Settings s, Mode mode) {
    if (!optimizerName(s).equals("lbfgs")) {
      return null;
    }
    OptimizerSettings hyper = hyperparameters(s);
    for (String name : OptimizerSettings.NAMES) {
      // The default stepSize is the default optimizer's; only a given one is refused.
      boolean given = !(name.equals("stepSize") && s.source(name) == Source.DEFAULT);
      if (given && !Double.isNaN(hyper.get(name))) {
        throw new SettingException(name, s.get(name), "auto with optimizer lbfgs, which does"
            + " not use it (its steps come from a line search)");
      }
    }
    if (mode != Mode.BATCH) {
      throw new SettingException("mode", s.get("mode"), "batch (or auto) with optimizer lbfgs,"
          + " which minimizes the full-batch loss");
    }
    return new Lbfgs(s.getInt("lbfgsMemory"));
  }

  /** The step rule of every optimizer but lbfgs, with its hyperparameters. */
  private static Optimizer optimizer(Settings s) {
    return Optimizers.parse(optimizerName(s), hyperparameters(s));
  }

  /** Epochs, stopping, schedule, penalties, clipping, patience and curriculum. */
  private static TrainingConfig training(Settings s, NetworkSpec spec, DataConfig data) {
    ParameterMask mask = regularized(spec, s.getBoolean("regularizeBias"));
    double l2 = s.getDouble("l2");
    double l1 = s.getDouble("l1");
    double clipNorm = s.getDouble("clipNorm");
    double clipValue = s.getDouble("clipValue");
    int epochs = s.getInt("epochs");
    int patience = s.getInt("patience");
    if (patience > 0 && !data.validates()) {
      throw new SettingException("patience", s.get("patience"), "0 when there is no validation"
          + " set; set validationFraction or data.validation");
    }
    return new TrainingConfig(epochs, s.getDouble("tol"),
        schedule(s, epochs),
        l2 > 0 ? new L2Penalty((float) l2, mask) : null,
        l1 > 0 ? new L1Penalty((float) l1, mask) : null,
        clipNorm > 0 ? new ClipNorm(clipNorm) : null,
        clipValue > 0 ? new ClipValue((float) clipValue) : null,
        patience,
        s.getBoolean("curriculum") ? s.getInt("curriculumEpochs") : 0,
        groupLasso(spec, s.getDouble("prune.groupLambda")));
  }

  /** λ Σ ‖incoming weights‖₂ over the hidden units, or null for λ = 0. */
  static GroupLasso groupLasso(NetworkSpec spec, double lambda) {
    if (!(lambda > 0)) {
      return null;
    }
    ThetaLayout layout = new ThetaLayout(spec);
    java.util.List<int[]> groups = new java.util.ArrayList<>();
    for (int k = 1; k < spec.depth(); k++) {
      for (int i = 0; i < layout.rows(k); i++) {
        groups.add(new int[] {layout.index(k, i, 1), layout.rowLength(k) - 1});
      }
    }
    return new GroupLasso((float) lambda, groups.stream().mapToInt(g -> g[0]).toArray(),
        groups.stream().mapToInt(g -> g[1]).toArray());
  }

  /**
   * The sync mode; sync=barrier with a setting that needs the driver between updates is refused
   * here, before any Spark work.
   */
  private static SyncMode sync(Settings s, NetworkSpec spec, Lbfgs lbfgs,
      TrainingConfig training) {
    SyncMode sync;
    try {
      sync = SyncMode.parse(s.getText("sync"));
    } catch (IllegalArgumentException e) {
      throw new SettingException("sync", s.get("sync"), SyncMode.FORMS);
    }
    String conflict = barrierConflict(spec, lbfgs, training, quantizeAware(s));
    if (sync.kind() == SyncMode.Kind.BARRIER && conflict != null) {
      throw new SettingException("sync", s.get("sync"), "step or auto with " + conflict);
    }
    return sync;
  }

  /**
   * The setting that keeps a job from running its updates in a barrier stage, in words, or null:
   * lbfgs (a line search of full-batch passes), a curriculum (each curriculum epoch orders the
   * shards at its starting weights, a driver-side pass) and batch normalization (its running
   * statistics are blended on the driver after every batch).
   */
  static String barrierConflict(NetworkSpec spec, Lbfgs lbfgs, TrainingConfig training,
      QuantizedType quantizeAware) {
    if (quantizeAware != null) {
      return "quantize.aware=true, whose fake-quantized weights are made on the driver";
    }
    if (lbfgs != null) {
      return "optimizer lbfgs (mode batch), whose line search runs on the driver";
    }
    if (training.curriculumEpochs() > 0) {
      return "curriculum, whose epochs order the shards at their starting weights";
    }
    for (int k = 0; k <= spec.depth(); k++) {
      if (spec.normalization(k) == Normalization.BATCH) {
        return "batchNorm, whose running statistics are blended on the driver";
      }
    }
    return null;
  }

  /**
   * Whether the updates run in barrier stages: sync=barrier, or sync=auto when no setting
   * conflicts (whether the cluster has a slot for every shard is checked at fit time).
   */
  public boolean barrier() {
    return switch (sync.kind()) {
      case BARRIER -> true;
      case AUTO -> barrierConflict(network, lbfgs, training, quantizeAware) == null;
      default -> false;
    };
  }

  /** The initial weights' scheme. */
  private static Init init(Settings s) {
    return Init.parse(s.getText("init"), s.getDouble("initRange"));
  }

  /**
   * Trains {@code network} from its seeded initial weights on {@code source} with this job's
   * solver and convergence conditions.
   */
  public TrainingResult train(Network net, GradientSource source, Evaluator validation,
      TrainingListener listener) {
    float[] theta0 = Initializer.initialTheta(net, init, seed);
    source = RunningStatisticsSource.wrap(net, source); // batch norm's running statistics
    source = FakeQuantizedSource.wrap(net, source, quantizeAware);
    return lbfgs != null
        ? new LbfgsTrainer(lbfgs, training, listener).train(source, theta0, validation)
        : new Trainer(optimizer, training, listener).train(source, theta0, validation);
  }

  /**
   * As {@link #train(Network, GradientSource, Evaluator, TrainingListener)}, saving checkpoints
   * through {@code checkpointer} (may be null) and continuing from {@code resume} (may be null).
   */
  public TrainingResult train(Network net, GradientSource source, Evaluator validation,
      TrainingListener listener, Checkpointer checkpointer, TrainingState resume) {
    if (lbfgs != null) {
      return train(net, source, validation, listener);
    }
    float[] theta0 = Initializer.initialTheta(net, init, seed);
    source = RunningStatisticsSource.wrap(net, source); // batch norm's running statistics
    source = FakeQuantizedSource.wrap(net, source, quantizeAware);
    return new Trainer(optimizer, training, listener).checkpoints(checkpointer).resumeFrom(resume)
        .train(source, theta0, validation);
  }

  private static String checkpointDir(Settings s, boolean lbfgs) {
    String dir = s.getText("checkpointDir");
    if (!dir.isEmpty() && lbfgs) {
      throw new SettingException("checkpointDir", dir, "empty with optimizer lbfgs, which does"
          + " not support checkpoints (its curvature history is not saved)");
    }
    return dir;
  }

  /** The samples per update for a training set of {@code rows} rows. */
  public int batchSize(int rows) {
    return mode.batchSize(batchSize, rows);
  }

  /** The optimizer's description, every hyperparameter included. */
  public String optimizerDescription() {
    return optimizer != null ? optimizer.toString() : lbfgs.toString();
  }

  /**
   * Which entries of Θ the penalties see: the connection weights, and the biases (with PReLU's α
   * and normalization's γ, β) only if asked.
   */
  private static ParameterMask regularized(NetworkSpec spec, boolean biases) {
    ThetaLayout layout = new ThetaLayout(spec);
    if (biases) {
      return ParameterMask.all(layout.size());
    }
    return ParameterMask.of(layout.weightMask());
  }

  /** The settings beyond stacked layers: connections, residual, dropout, norms, standardize. */
  private static Architecture architecture(Settings s, int depth) {
    String connections = s.getText("connections");
    String residual = s.getText("residual");
    detail("connections", () -> Topology.parse(connections, "", depth));
    detail("residual", () -> Topology.parse("", residual, depth));
    Topology topology = detail("connections and residual",
        () -> Topology.parse(connections, residual, depth));
    float[] dropout = detail("dropout",
        () -> Architecture.parseDropout(s.getText("dropout"), depth));
    boolean[] layerNorm = detail("layerNorm",
        () -> Architecture.parseLayers("layerNorm", s.getText("layerNorm"), depth));
    boolean[] batchNorm = detail("batchNorm",
        () -> Architecture.parseLayers("batchNorm", s.getText("batchNorm"), depth));
    Normalization[] norms = new Normalization[depth + 1];
    for (int k = 0; k <= depth; k++) {
      if (layerNorm[k] && batchNorm[k]) {
        throw new IllegalArgumentException("settings layerNorm and batchNorm both name layer " + k
            + "; a layer takes one normalization");
      }
      norms[k] = layerNorm[k] ? Normalization.LAYER
          : batchNorm[k] ? Normalization.BATCH : Normalization.NONE;
    }
    boolean standardize = s.getBoolean("standardize");
    float epsilon = (float) s.getDouble("normEpsilon");
    float momentum = (float) s.getDouble("batchNormMomentum");
    return detail("dropout, layerNorm and batchNorm",
        () -> new Architecture(topology, dropout, norms, standardize, epsilon, momentum));
  }

  /**
   * Runs a core parser of {@code settings}; its error, which explains what is wrong in the
   * value, is reported under the settings' names.
   */
  private static <T> T detail(String settings, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (SettingException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + settings + ": " + e.getMessage(), e);
    }
  }

  private static Schedule schedule(Settings s, int epochs) {
    int warmup = s.getInt("warmupEpochs");
    Schedule schedule = switch (s.getText("schedule").toLowerCase(Locale.ROOT)) {
      case "step" -> Schedule.step(s.getInt("scheduleEvery"), s.getDouble("scheduleGamma"));
      case "exponential" -> Schedule.exponential(s.getDouble("scheduleGamma"));
      case "cosine" -> Schedule.cosine(Math.max(1, epochs - warmup), s.getDouble("scheduleMin"));
      default -> Schedule.constant();
    };
    return schedule.withWarmup(warmup);
  }
}
