package org.sparkprop.train;

import java.util.ArrayList;
import java.util.List;
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
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.SquaredError;
import org.sparkprop.nn.ThetaLayout;
import org.sparkprop.nn.Topology;
import org.sparkprop.optim.ClipNorm;
import org.sparkprop.optim.ClipValue;
import org.sparkprop.optim.L1Penalty;
import org.sparkprop.optim.L2Penalty;
import org.sparkprop.optim.Lbfgs;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.OptimizerSettings;
import org.sparkprop.optim.Optimizers;
import org.sparkprop.optim.ParameterMask;
import org.sparkprop.optim.Schedule;

/**
 * A training job, typed and validated from {@link Settings} before any Spark work starts: every
 * bad value is an error that names the setting, the value and what is allowed.
 *
 * @param optimizer the step rule, or null when {@code lbfgs} is used
 * @param lbfgs full-batch L-BFGS, or null when {@code optimizer} is used
 * @param partitions number of shards; 0 means Spark's default parallelism
 */
public record JobConfig(NetworkSpec network, Init init, Mode mode, int batchSize,
    Optimizer optimizer, Lbfgs lbfgs, TrainingConfig training, float inputNoise, long seed,
    int partitions, String master, int treeDepth, boolean deterministic, DataConfig data,
    String checkpointDir, int checkpointEvery, int checkpointKeep, String storageLevel,
    int outputFiles, int checkpointEveryUpdates) {

  /** The storage levels of Spark that may hold the cached shards. */
  public static final java.util.List<String> STORAGE_LEVELS = java.util.List.of("MEMORY_AND_DISK",
      "MEMORY_ONLY", "DISK_ONLY", "MEMORY_AND_DISK_SER", "MEMORY_ONLY_SER", "MEMORY_AND_DISK_2",
      "MEMORY_ONLY_2", "DISK_ONLY_2", "DISK_ONLY_3", "MEMORY_AND_DISK_SER_2", "MEMORY_ONLY_SER_2",
      "OFF_HEAP");

  /** Types and checks every setting. */
  public static JobConfig from(Settings s) {
    Activation hidden = parse(s, "activation", Activations::parse);
    Activation output = parse(s, "output", Activations::parse);
    String lossName = s.get("loss");
    Loss loss = lossName.equalsIgnoreCase("auto")
        ? (output instanceof Softmax ? new CrossEntropy() : new SquaredError())
        : parse(s, "loss", Loss::parse);
    int[] sizes = layers(s.get("layers"));
    NetworkSpec spec;
    try {
      spec = new NetworkSpec(sizes, hidden, output, loss, architecture(s, sizes.length - 1))
          .requireTrainable();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid network: " + e.getMessage());
    }
    DataConfig data = new DataConfig(
        DataConfig.Format.parse(s.get("data.format")),
        nonEmpty(s, "data.train"),
        s.get("data.train.labels"),
        s.get("data.test"),
        s.get("data.test.labels"),
        openUnit(s, "data.testFraction"),
        s.get("data.validation"),
        s.get("data.validation.labels"),
        fraction(s, "validationFraction"),
        atLeast(s, "data.samples", 2),
        nonNegative(s, "data.noise"),
        labelColumns(s),
        bool(s, "data.header"),
        bool(s, "data.scale"),
        atLeast(s, "data.numFeatures", 0),
        nonEmpty(s, "data.featuresCol"),
        labelCols(s));
    Mode mode = parse(s, "mode", Mode::parse);
    String optimizerName = s.get("optimizer").trim().toLowerCase();
    OptimizerSettings hyper = new OptimizerSettings(auto(s, "stepSize"), auto(s, "momentum"),
        auto(s, "beta1"), auto(s, "beta2"), auto(s, "epsilon"), auto(s, "decay"));
    Optimizer optimizer = null;
    Lbfgs lbfgs = null;
    if (optimizerName.equals("lbfgs")) {
      for (String name : OptimizerSettings.NAMES) {
        if (!Double.isNaN(hyper.get(name))) {
          throw new IllegalArgumentException("setting " + name + " is " + s.get(name)
              + " but optimizer lbfgs does not use it (its steps come from a line search)");
        }
      }
      if (mode != Mode.BATCH) {
        throw new IllegalArgumentException("optimizer lbfgs minimizes the full-batch loss:"
            + " it needs mode=batch, got mode=" + s.get("mode"));
      }
      lbfgs = parse(s, "lbfgsMemory", v -> new Lbfgs(Integer.parseInt(v.trim())));
    } else {
      try {
        optimizer = Optimizers.parse(optimizerName, hyper);
      } catch (IllegalArgumentException e) {
        // Hyperparameter errors already start with the setting's name ("beta1 is 1.0; …").
        boolean named = OptimizerSettings.NAMES.stream().anyMatch(n -> e.getMessage().startsWith(n + " "));
        throw new IllegalArgumentException((named ? "setting " : "setting optimizer: ") + e.getMessage());
      }
    }
    ParameterMask mask = regularized(spec, bool(s, "regularizeBias"));
    double l2 = nonNegative(s, "l2");
    double l1 = nonNegative(s, "l1");
    double clipNorm = nonNegative(s, "clipNorm");
    double clipValue = nonNegative(s, "clipValue");
    int epochs = atLeast(s, "epochs", 1);
    TrainingConfig training = new TrainingConfig(epochs, nonNegative(s, "tol"),
        schedule(s, epochs),
        l2 > 0 ? new L2Penalty((float) l2, mask) : null,
        l1 > 0 ? new L1Penalty((float) l1, mask) : null,
        clipNorm > 0 ? new ClipNorm(clipNorm) : null,
        clipValue > 0 ? new ClipValue((float) clipValue) : null,
        atLeast(s, "patience", 0),
        bool(s, "curriculum") ? atLeast(s, "curriculumEpochs", 1) : 0);
    if (training.patience() > 0 && !data.validates()) {
      throw new IllegalArgumentException("setting patience is " + s.get("patience")
          + " but there is no validation set: set validationFraction or data.validation");
    }
    Init init = parse(s, "init", v -> Init.parse(v, positive(s, "initRange")));
    return new JobConfig(spec, init, mode,
        atLeast(s, "batchSize", 1),
        optimizer, lbfgs, training,
        (float) nonNegative(s, "inputNoise"),
        longValue(s, "seed"),
        atLeast(s, "partitions", 0),
        nonEmpty(s, "master"),
        atLeast(s, "treeDepth", 1),
        bool(s, "deterministic"),
        data,
        checkpointDir(s, optimizerName),
        atLeast(s, "checkpointEvery", 1),
        atLeast(s, "checkpointKeep", 1),
        storageLevel(s),
        atLeast(s, "data.outputFiles", 0), atLeast(s, "checkpointEveryUpdates", 0));
  }

  private static String storageLevel(Settings s) {
    String value = s.get("data.storageLevel").trim().toUpperCase(java.util.Locale.ROOT);
    if (!STORAGE_LEVELS.contains(value)) {
      throw new IllegalArgumentException("setting data.storageLevel is '"
          + s.get("data.storageLevel") + "'; allowed: " + String.join(", ", STORAGE_LEVELS));
    }
    return value;
  }

  /**
   * Trains {@code network} from its seeded initial weights on {@code source} with this job's
   * solver and convergence conditions.
   */
  public TrainingResult train(Network net, GradientSource source, Evaluator validation,
      TrainingListener listener) {
    float[] theta0 = Initializer.initialTheta(net, init, seed);
    source = RunningStatisticsSource.wrap(net, source); // batch norm's running statistics
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
    return new Trainer(optimizer, training, listener).checkpoints(checkpointer).resumeFrom(resume)
        .train(source, theta0, validation);
  }

  /** {@code data.labelColumn}: one 0-based column, or a comma list such as {@code 4,5}. */
  private static List<Integer> labelColumns(Settings s) {
    String value = s.get("data.labelColumn");
    List<Integer> columns = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      int c;
      try {
        c = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        c = -1;
      }
      if (c < 0) {
        throw new IllegalArgumentException(bad("data.labelColumn", value,
            "a 0-based column index >= 0, or a comma list of distinct ones such as 4,5"));
      }
      if (columns.contains(c)) {
        throw new IllegalArgumentException("setting data.labelColumn is '" + value
            + "': column " + c + " is named twice; the label columns must be distinct");
      }
      columns.add(c);
    }
    return columns;
  }

  /** {@code data.labelCol}: one column name, or a comma list such as {@code a,b}. */
  private static List<String> labelCols(Settings s) {
    String value = s.get("data.labelCol");
    List<String> names = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String name = part.trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException(bad("data.labelCol", value,
            "a column name, or a comma list of distinct names such as a,b"));
      }
      if (names.contains(name)) {
        throw new IllegalArgumentException("setting data.labelCol is '" + value
            + "': column " + name + " is named twice; the label columns must be distinct");
      }
      if (name.equals(s.get("data.featuresCol").trim())) {
        throw new IllegalArgumentException("setting data.labelCol is '" + value + "': column "
            + name + " is also data.featuresCol; a column is either features or a label");
      }
      names.add(name);
    }
    return names;
  }

  private static String checkpointDir(Settings s, String optimizer) {
    String dir = s.get("checkpointDir").trim();
    if (!dir.isEmpty() && optimizer.equals("lbfgs")) {
      throw new IllegalArgumentException("setting checkpointDir is '" + dir
          + "' but optimizer lbfgs does not support checkpoints (its curvature history is not"
          + " saved); use another optimizer or leave checkpointDir empty");
    }
    return dir;
  }

  /** The samples per update for a training set of {@code rows} rows. */
  public int batchSize(int rows) {
    return mode.batchSize(batchSize, rows);
  }

  /** The optimizer's description, every hyperparameter included. */
  public String solver() {
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
    try {
      Topology.parse(s.get("connections"), "", depth); // errors name the setting they come from
      Topology.parse("", s.get("residual"), depth);
      Topology topology = Topology.parse(s.get("connections"), s.get("residual"), depth);
      float[] dropout = Architecture.parseDropout(s.get("dropout"), depth);
      boolean[] layerNorm = Architecture.parseLayers("layerNorm", s.get("layerNorm"), depth);
      boolean[] batchNorm = Architecture.parseLayers("batchNorm", s.get("batchNorm"), depth);
      Normalization[] norms = new Normalization[depth + 1];
      for (int k = 0; k <= depth; k++) {
        if (layerNorm[k] && batchNorm[k]) {
          throw new IllegalArgumentException("layerNorm and batchNorm both name layer " + k
              + "; a layer takes one normalization");
        }
        norms[k] = layerNorm[k] ? Normalization.LAYER
            : batchNorm[k] ? Normalization.BATCH : Normalization.NONE;
      }
      return new Architecture(topology, dropout, norms, bool(s, "standardize"),
          (float) positive(s, "normEpsilon"),
          (float) number(s, "batchNormMomentum", "a number in (0, 1]"));
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith("setting ") ? e
          : new IllegalArgumentException("setting " + e.getMessage());
    }
  }

  private static Schedule schedule(Settings s, int epochs) {
    String name = s.get("schedule").trim().toLowerCase();
    Schedule schedule = switch (name) {
      case "constant" -> Schedule.constant();
      case "step" -> parse(s, "scheduleGamma",
          v -> Schedule.step(atLeast(s, "scheduleEvery", 1), Double.parseDouble(v)));
      case "exponential" -> parse(s, "scheduleGamma",
          v -> Schedule.exponential(Double.parseDouble(v)));
      case "cosine" -> parse(s, "scheduleMin",
          v -> Schedule.cosine(Math.max(1, epochs - atLeast(s, "warmupEpochs", 0)),
              Double.parseDouble(v)));
      default -> throw new IllegalArgumentException("setting schedule is '" + s.get("schedule")
          + "'; allowed: constant, step, exponential, cosine");
    };
    return schedule.withWarmup(atLeast(s, "warmupEpochs", 0));
  }

  private interface Parser<T> {
    T parse(String value);
  }

  private static <T> T parse(Settings s, String name, Parser<T> parser) {
    try {
      return parser.parse(s.get(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + name + " is '" + s.get(name)
          + "'; it must be a number");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + name + ": " + e.getMessage());
    }
  }

  private static int[] layers(String value) {
    String[] parts = value.split(",");
    int[] sizes = new int[parts.length];
    for (int k = 0; k < parts.length; k++) {
      try {
        sizes[k] = Integer.parseInt(parts[k].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("setting layers is '" + value + "': entry " + k + " ('"
            + parts[k].trim() + "') is not an integer; expected sizes like 784,128,10");
      }
      if (sizes[k] < 1) {
        throw new IllegalArgumentException("setting layers is '" + value + "': layers[" + k
            + "] is " + sizes[k] + "; every layer size must be at least 1");
      }
    }
    if (sizes.length < 2) {
      throw new IllegalArgumentException("setting layers is '" + value
          + "'; it needs at least an input and an output size, e.g. 784,128,10");
    }
    return sizes;
  }

  private static String bad(String name, String value, String allowed) {
    return "setting " + name + " is '" + value + "'; it must be " + allowed;
  }

  private static int atLeast(Settings s, String name, int min) {
    String v = s.get(name);
    try {
      int i = Integer.parseInt(v.trim());
      if (i >= min) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(bad(name, v, "an integer >= " + min));
  }

  private static long longValue(Settings s, String name) {
    String v = s.get(name);
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(bad(name, v, "an integer"));
    }
  }

  private static double number(Settings s, String name, String allowed) {
    String v = s.get(name);
    try {
      double d = Double.parseDouble(v.trim());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(bad(name, v, allowed));
  }

  /** A number, or NaN for "auto" (the optimizer's own default). */
  private static double auto(Settings s, String name) {
    return s.get(name).trim().equalsIgnoreCase("auto") ? Double.NaN
        : number(s, name, "a finite number, or auto");
  }

  private static double positive(Settings s, String name) {
    double d = number(s, name, "a finite number > 0");
    if (d > 0) {
      return d;
    }
    throw new IllegalArgumentException(bad(name, s.get(name), "a finite number > 0"));
  }

  private static double nonNegative(Settings s, String name) {
    double d = number(s, name, "a finite number >= 0");
    if (d >= 0) {
      return d;
    }
    throw new IllegalArgumentException(bad(name, s.get(name), "a finite number >= 0"));
  }

  private static double openUnit(Settings s, String name) {
    double d = number(s, name, "a number in (0, 1)");
    if (d > 0 && d < 1) {
      return d;
    }
    throw new IllegalArgumentException(bad(name, s.get(name), "a number in (0, 1)"));
  }

  private static double fraction(Settings s, String name) {
    double d = number(s, name, "a number in [0, 1)");
    if (d >= 0 && d < 1) {
      return d;
    }
    throw new IllegalArgumentException(bad(name, s.get(name), "a number in [0, 1)"));
  }

  private static boolean bool(Settings s, String name) {
    String v = s.get(name).trim().toLowerCase();
    return switch (v) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException(bad(name, s.get(name), "true or false"));
    };
  }

  private static String nonEmpty(Settings s, String name) {
    String v = s.get(name).trim();
    if (v.isEmpty()) {
      throw new IllegalArgumentException("setting " + name + " is empty; it needs a value");
    }
    return v;
  }
}
