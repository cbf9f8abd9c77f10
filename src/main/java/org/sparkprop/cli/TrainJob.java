package org.sparkprop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.CheckpointStore;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.tensor.Blas;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.Evaluator;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Settings;
import org.sparkprop.train.ShardWorker;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingDivergedException;
import org.sparkprop.train.TrainingResult;
import org.sparkprop.train.TrainingState;

/**
 * The training job behind the command line: start (or join) Spark, load the data, train on the
 * cluster, evaluate, and write the run's outputs.
 */
public final class TrainJob {

  private final Settings settings;
  private final JobConfig config;
  private final Path out;
  private final boolean resume;
  private final PrintStream console;

  /** A fresh run (no --resume). */
  public TrainJob(Settings settings, Path out, PrintStream console) {
    this(settings, out, false, console);
  }

  /**
   * Validates everything it can before any Spark work: settings, input files, and that the output
   * directory holds no earlier model or summary (a run never overwrites one).
   */
  public TrainJob(Settings settings, Path out, boolean resume, PrintStream console) {
    this.settings = settings;
    this.config = JobConfig.from(settings);
    DataLoader.checkInputs(config.data());
    if (resume && config.checkpointDir().isEmpty()) {
      throw new IllegalArgumentException("--resume needs the checkpointDir setting");
    }
    for (String name : new String[] {"model", "summary.json"}) {
      if (java.nio.file.Files.exists(out.resolve(name))) {
        throw new IllegalArgumentException("output directory " + out + " already holds " + name
            + "; choose another --out");
      }
    }
    this.out = out;
    this.resume = resume;
    this.console = console;
  }

  public JobConfig config() {
    return config;
  }

  /**
   * Runs the job and returns the figures written to summary.json. Joins the session that is
   * already running in this JVM, if any (left running), or starts one (stopped at the end).
   */
  public Map<String, Object> run() throws IOException {
    return Sessions.run(config.master(), this::run);
  }

  /** Runs the job on an existing session (left running). */
  public Map<String, Object> run(SparkSession spark) throws IOException {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Blas.logChoice();
    console.println("sparkprop: BLAS " + Blas.implementation() + ", Spark " + sc.version()
        + " on " + sc.master());

    Network network = new Network(config.network());
    LoadedData data = DataLoader.load(config.data(), config.network(), config.seed(), spark);
    Samples train = data.train();
    // standardize=true: μ_j, σ_j² of the training inputs, one pass, kept inside the model.
    network.fitStandardization(train.x(), 0, train.rows());
    int partitions = config.partitions() > 0 ? config.partitions() : sc.defaultParallelism();
    int batchSize = config.batchSize(train.rows());
    BatchPlan plan = new BatchPlan(partitions, batchSize, config.seed(), config.inputNoise());
    console.printf(Locale.ROOT, "sparkprop: %s, %d parameters; %d training rows (%s), %d test rows;"
            + " %s mode, batch %d, %d partitions, %d updates per epoch%n",
        config.network(), network.parameterCount(), train.rows(), data.trainSource(),
        data.test().rows(), config.mode().name().toLowerCase(Locale.ROOT), batchSize, partitions,
        plan.iterations(train.rows()));
    console.printf(Locale.ROOT, "sparkprop: %s, init %s%s%n", config.solver(), config.init().label(),
        data.validation() == null ? "" : ", " + data.validation().rows() + " validation rows");
    console.println(network.summary());

    CheckpointStore checkpoints = null;
    TrainingState resumed = null;
    if (!config.checkpointDir().isEmpty()) {
      sc.setCheckpointDir(config.checkpointDir() + "/rdd");
      checkpoints = new CheckpointStore(config.checkpointDir(), config.checkpointEvery(),
          config.checkpointKeep(), settings.values(), network.state(), sc.hadoopConfiguration());
      if (resume) {
        resumed = checkpoints.latest();
        console.printf(Locale.ROOT, "sparkprop: resuming after epoch %d from %s%n",
            resumed.epochs(), checkpoints.uri());
      }
    }
    try (RunOutput output = new RunOutput(out)) {
      TrainingResult result;
      GradientSum trainEval;
      try (SparkGradientSource source = new SparkGradientSource(sc, network, train, plan,
          config.treeDepth()).deterministic(config.deterministic())) {
        ProgressPrinter progress = new ProgressPrinter(console, config.training().epochs(), output);
        if (resumed != null) {
          resumed.history().forEach(output::epoch);
        }
        Evaluator validation = validator(network, data.validation());
        result = config.train(network, source, validation, progress, checkpoints, resumed);
        if (result.divergence() != null) {
          Map<String, Object> failed = new LinkedHashMap<>();
          failed.put("epochs", result.epochs());
          failed.put("stop_reason", result.stopReason().label());
          failed.put("error", result.divergence().message());
          output.summary(settings.values(), failed);
          throw new TrainingDivergedException(result.divergence(),
              checkpoints == null ? "" : "; the last good checkpoint is in " + checkpoints.uri());
        }
        trainEval = source.evaluate(result.theta());
      }
      Map<String, Object> figures = figures(result, trainEval, network, data, partitions, sc);
      ModelFile.write(out.resolve("model"), network, result.theta());
      output.summary(settings.values(), figures);
      console.printf(Locale.ROOT, "sparkprop: %s after %d epochs (%s), %.1f s; wrote %s%n",
          describe(figures), result.epochs(), result.stopReason().label(), result.seconds(),
          out.resolve("summary.json"));
      return figures;
    }
  }

  private Map<String, Object> figures(TrainingResult result, GradientSum trainEval,
      Network network, LoadedData data, int partitions, JavaSparkContext sc) {
    Samples train = data.train();
    Samples test = data.test();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("epochs", result.epochs());
    figures.put("updates", result.updates());
    figures.put("seconds", result.seconds());
    figures.put("stop_reason", result.stopReason().label());
    if (result.bestEpoch() > 0) {
      figures.put("best_epoch", result.bestEpoch());
      EpochStats best = result.history().get(result.bestEpoch() - 1);
      figures.put("best_validation_loss", best.validationLoss());
    }
    figures.put("optimizer", config.solver());
    figures.put("init", config.init().label());
    figures.put("final_loss", trainEval.loss() / trainEval.count());
    ShardWorker local = new ShardWorker(network);
    if (config.network().classifies()) {
      figures.put("train_accuracy", (double) trainEval.correct() / trainEval.count());
      GradientSum testEval = new GradientSum();
      local.evaluate(result.theta(), test, testEval);
      figures.put("test_accuracy", test.rows() == 0 ? null
          : (double) testEval.correct() / testEval.count());
      figures.put("test_loss", test.rows() == 0 ? null : testEval.loss() / testEval.count());
    } else {
      figures.put("train_rmse", rmse(local, result.theta(), train));
      figures.put("test_rmse", test.rows() == 0 ? null : rmse(local, result.theta(), test));
    }
    figures.put("train_rows", train.rows());
    figures.put("test_rows", test.rows());
    figures.put("parameters", network.parameterCount());
    figures.put("partitions", partitions);
    figures.put("blas", Blas.implementation());
    figures.put("spark_version", sc.version());
    figures.put("master", sc.master());
    return figures;
  }

  /** Evaluates the validation set on the driver, or null without one. */
  static Evaluator validator(Network network, Samples validation) {
    if (validation == null) {
      return null;
    }
    ShardWorker worker = new ShardWorker(network);
    return theta -> {
      GradientSum sum = new GradientSum();
      worker.evaluate(theta, validation, sum);
      return sum;
    };
  }

  private static double rmse(ShardWorker worker, float[] theta, Samples samples) {
    return Math.sqrt(worker.squaredError(theta, samples) / ((double) samples.rows() * samples.outputs()));
  }

  private static String describe(Map<String, Object> f) {
    return f.containsKey("test_accuracy")
        ? String.format(Locale.ROOT, "train accuracy %.4f, test accuracy %s",
            (Double) f.get("train_accuracy"), f.get("test_accuracy"))
        : String.format(Locale.ROOT, "train RMSE %.5f, test RMSE %s", (Double) f.get("train_rmse"),
            f.get("test_rmse"));
  }
}
