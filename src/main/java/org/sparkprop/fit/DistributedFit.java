package org.sparkprop.fit;

import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.sparkprop.augment.Augmentation;
import org.sparkprop.data.DataSources;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.InputMoments;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.prune.PruneSettings;
import org.sparkprop.prune.Pruning;
import org.sparkprop.nn.SparseInputException;
import org.sparkprop.spark.BarrierSlotsException;
import org.sparkprop.spark.BarrierUpdates;
import org.sparkprop.spark.CheckpointStore;
import org.sparkprop.spark.RowSample;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.spark.ShardInput;
import org.sparkprop.spark.ShardMetrics;
import org.sparkprop.spark.ShardRdd;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.spark.SparkLocalRounds;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.Evaluator;
import org.sparkprop.train.FakeQuantizedSource;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.LbfgsTrainer;
import org.sparkprop.train.LocalSgdTrainer;
import org.sparkprop.train.MetricSums;
import org.sparkprop.train.RunningStatisticsSource;
import org.sparkprop.train.Settings;
import org.sparkprop.train.Sparsity;
import org.sparkprop.train.SyncMode;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.Teacher;
import org.sparkprop.train.TrainingResult;
import org.sparkprop.train.TrainingState;

/**
 * The one distributed fit behind both front doors (the command line and the Spark ML
 * Estimators): rows read on the executors are spread at random (seeded) over cached shards there
 * ({@link ShardRdd#fromRows}), the input standardization is one distributed pass, and the job's
 * trainer runs on a {@link SparkGradientSource} over the shards; a validation set (given, or a
 * seeded {@link HeldOut} share of the training rows) is packed the same way and evaluated by a
 * Spark job after every epoch. The driver holds Θ, the optimizer's state and sums, never rows.
 */
public final class DistributedFit {

  private static final Logger LOG = Logger.getLogger(DistributedFit.class.getName());

  private DistributedFit() {}

  /**
   * What to fit.
   *
   * @param train the training rows (checked as they are read)
   * @param validation validation rows, or null to hold out the config's
   *     {@code validationFraction} of {@code train} (none when it is 0)
   * @param test rows to measure the final model on, or null; packed while the training rows are,
   *     and not packed again when it is {@code validation} itself
   * @param theta0 the initial Θ, or null for the config's initialization
   * @param resume continue from the newest checkpoint in the config's checkpoint directory
   * @param evaluateTraining measure the final model on the training rows before freeing them
   * @param cutLineage checkpoint the packed shards into the fit's checkpoint directory (the
   *     SparkContext's own checkpoint directory is left as it was)
   * @param teacher the teacher whose soft targets the network learns from, or null
   * @param unlabeled rows without labels that join the training shards (after any validation
   *     share is held out) and learn from the teacher's soft targets only, or null; needs a
   *     teacher
   */
  public record Request(ShardInput<?> train, ShardInput<?> validation, ShardInput<?> test,
      Settings settings, JobConfig config, Network network, float[] theta0, boolean resume,
      boolean evaluateTraining, boolean cutLineage, FitObserver observer, Teacher teacher,
      ShardInput<?> unlabeled) {

    /** A request without rows without labels. */
    public Request(ShardInput<?> train, ShardInput<?> validation, ShardInput<?> test,
        Settings settings, JobConfig config, Network network, float[] theta0, boolean resume,
        boolean evaluateTraining, boolean cutLineage, FitObserver observer, Teacher teacher) {
      this(train, validation, test, settings, config, network, theta0, resume, evaluateTraining,
          cutLineage, observer, teacher, null);
    }

    /** A request without a teacher. */
    public Request(ShardInput<?> train, ShardInput<?> validation, ShardInput<?> test,
        Settings settings, JobConfig config, Network network, float[] theta0, boolean resume,
        boolean evaluateTraining, boolean cutLineage, FitObserver observer) {
      this(train, validation, test, settings, config, network, theta0, resume, evaluateTraining,
          cutLineage, observer, null);
    }

    public Request {
      if (teacher != null) {
        teacher.checkTeaches(network.spec(), "the teacher");
      }
      if (unlabeled != null && teacher == null) {
        throw new IllegalArgumentException("distill.unlabeled gives rows without labels, which"
            + " learn from a teacher only, but distill.teacher is empty: set distill.teacher too");
      }
    }

    /** This request with {@code teacher}'s soft targets to learn from (null: none). */
    public Request withTeacher(Teacher teacher) {
      return new Request(train, validation, test, settings, config, network, theta0, resume,
          evaluateTraining, cutLineage, observer, teacher, unlabeled);
    }

    /**
     * This request with {@code unlabeled}, rows without labels that learn from the teacher only
     * (null: none).
     */
    public Request withUnlabeled(ShardInput<?> unlabeled) {
      return new Request(train, validation, test, settings, config, network, theta0, resume,
          evaluateTraining, cutLineage, observer, teacher, unlabeled);
    }

    /** As the canonical constructor, from rows (their counts unknown), with no test set. */
    public Request(JavaRDD<SampleRow> train, JavaRDD<SampleRow> validation,
        Settings settings, JobConfig config, Network network, float[] theta0, boolean resume,
        boolean evaluateTraining, boolean cutLineage, FitObserver observer) {
      this(input(train, network), validation == null ? null : input(validation, network), null,
          settings, config, network, theta0, resume, evaluateTraining, cutLineage, observer);
    }

    private static ShardInput<?> input(JavaRDD<SampleRow> rows, Network network) {
      NetworkSpec spec = network.spec();
      return ShardInput.of(rows, spec.size(0), spec.size(spec.depth()));
    }
  }

  /**
   * What a fit produced: the training result (check {@code training.divergence()} before using
   * its Θ) and, when asked for and training did not diverge, the final model's figures on the
   * training rows and on the test rows; {@code checkpoints} is the fit's own checkpoint
   * directory, or null; {@code sparseInputs}: the training shards held compressed sparse rows.
   */
  public record Result(TrainingResult training, int trainRows, int validationRows,
      int partitions, MetricSums trainMetrics, MetricSums testMetrics, String checkpoints,
      boolean sparseInputs) {}

  /** Trains {@code request.network()} on the request's rows. */
  public static Result fit(JavaSparkContext sc, Request request) {
    JobConfig config = request.config();
    Network network = request.network();
    checkResume(request.resume(), config, "resume", "setting");
    if (config.sync().kind() == SyncMode.Kind.LOCAL) {
      LocalSgdTrainer.requireSupported(config, request.settings().get("sync"));
    }
    if (request.resume() && request.theta0() != null) {
      throw new IllegalArgumentException("resume continues from a checkpoint's weights; unset"
          + " initialWeights or resume");
    }
    // The fit's own checkpoint directory, held (leased) until the fit ends: concurrent fits
    // never share one.
    try (CheckpointStore checkpoints = config.checkpointDir().isEmpty() ? null
        : new CheckpointStore(config.checkpointDir(), config.checkpointEvery(),
            config.checkpointEveryUpdates(),
            config.checkpointKeep(), request.settings().values(), network.state(),
            sc.hadoopConfiguration())) {
      String rddDirectory = checkpoints != null && request.cutLineage()
          ? checkpoints.rddDirectory().orElse(null) : null;
      return fit(sc, request, checkpoints, rddDirectory);
    }
  }

  private static Result fit(JavaSparkContext sc, Request request, CheckpointStore checkpoints,
      String rddDirectory) {
    JobConfig config = request.config();
    Network network = request.network();
    NetworkSpec spec = network.spec();
    int inputs = spec.size(0);
    int outputs = spec.size(spec.depth());
    StorageLevel level = storageLevel(config);
    int partitions = partitions(sc, config);
    ShardInput<?> training = request.train();
    requireSizes(training, "training", inputs, outputs);
    if (request.validation() != null) {
      requireSizes(request.validation(), "validation", inputs, outputs);
    }
    if (request.test() != null) {
      requireSizes(request.test(), "test", inputs, outputs);
    }
    ShardInput<?> held = request.validation();
    double fraction = config.data().validationFraction();
    if (held == null && fraction > 0) {
      JavaRDD<SampleRow>[] split = HeldOut.split(training.rows(), fraction, config.seed() + 2);
      training = ShardInput.of(split[0], inputs, outputs);
      held = ShardInput.of(split[1], inputs, outputs);
    }
    if (request.unlabeled() != null) {
      requireSizes(request.unlabeled(), "unlabeled", inputs, outputs);
      // After the held-out split: validation measures labeled rows only.
      training = ShardInput.withUnlabeled(training, request.unlabeled());
    }
    PackedSets sets = PackedSets.pack(training, held, request.test(), partitions, level,
        config.seed(), rddDirectory, sparsity(config, network));
    ShardRdd trainShards = sets.train();
    ShardRdd validationShards = sets.validation();
    try {
      if (trainShards.rows() == 0) {
        throw new IllegalArgumentException(request.validation() == null && fraction > 0
            ? "setting validationFraction is " + fraction + ": it leaves no training rows"
            : "the training data has no rows");
      }
      if (held != null) {
        if (validationShards.rows() == 0) {
          throw new IllegalArgumentException(request.validation() == null
              ? "setting validationFraction is " + fraction + ": it leaves no validation rows"
                  + " out of " + trainShards.rows()
              : "the validation data has no rows");
        }
      }
    } catch (RuntimeException e) {
      sets.close();
      throw e;
    }
    try (sets) {
      return train(sc, request, network, sets, partitions, checkpoints);
    }
  }

  private static Result train(JavaSparkContext sc, Request request, Network network,
      PackedSets sets, int partitions, CheckpointStore checkpoints) {
    ShardRdd trainShards = sets.train();
    if (network.spec().standardize()) {
      standardize(network, trainShards);
    }
    if (request.teacher() == null) {
      return train(sc, request, network, sets, trainShards, partitions, checkpoints);
    }
    long start = System.nanoTime();
    try (ShardRdd taught = trainShards.withSoftTargets(sc, request.teacher())) {
      LOG.info(String.format(Locale.ROOT, "sparkprop: the teacher's soft targets of %d rows took"
          + " %.1f s (one teacher forward pass, cached beside the shards)", taught.rows(),
          (System.nanoTime() - start) / 1e9));
      // Every later read of the training set (the report's) reads the shards in use: the packed
      // ones were released once the taught ones held their rows.
      PackedSets inUse = new PackedSets(taught, sets.validation(), sets.test());
      return train(sc, request, network, inUse, taught, partitions, checkpoints);
    }
  }

  /** Trains on {@code trainShards}: the packed training set, with soft targets when distilling. */
  private static Result train(JavaSparkContext sc, Request request, Network network,
      PackedSets sets, ShardRdd trainShards, int partitions, CheckpointStore checkpoints) {
    JobConfig config = request.config();
    ShardRdd validationShards = sets.validation();
    int rowsTrained = trainShards.rows();
    int rowsHeld = validationShards == null ? 0 : validationShards.rows();
    Augmentation augment = config.augment();
    if (augment.needsShape() && augment.shape() == null) {
      augment = augment.withShape(DataSources.imageShape(config.data(),
          sc.hadoopConfiguration()));
    }
    BatchPlan plan = new BatchPlan(trainShards.shards(), config.batchSize(rowsTrained),
        config.seed(), augment);
    FitObserver observer = request.observer();
    int cached = trainShards.cachedPartitions();
    if (cached < partitions) {
      LOG.warning(String.format(Locale.ROOT, "sparkprop: only %d of %d training shards could be"
          + " cached at %s; the others are recomputed from the source every update", cached,
          partitions, config.storageLevel()));
    }
    observer.packed(new FitObserver.Packing(rowsTrained, rowsHeld, partitions,
        config.batchSize(rowsTrained),
        plan.iterations(rowsTrained), config.storageLevel(), cached, partitions,
        trainShards.isSparse()));
    try (SparkGradientSource source = new SparkGradientSource(sc, network, trainShards, plan,
            config.treeDepth()).deterministic(config.deterministic())
            .recordCosts(observer.updateCosts()).progressNote(observer.progressNote());
        SparkGradientSource validation = validationShards == null ? null
            : new SparkGradientSource(sc, network, validationShards,
                new BatchPlan(validationShards.shards(), rowsHeld, config.seed()),
                config.treeDepth())
                .deterministic(config.deterministic())) {
      // After standardize, since reading a checkpoint puts its network state (standardization,
      // running statistics) back.
      TrainingState resumed = request.resume() ? checkpoints.latest() : null;
      if (resumed != null) {
        LOG.info("sparkprop: resuming after epoch " + resumed.epochs() + " from "
            + checkpoints.uri());
        observer.resumed(resumed, checkpoints.uri().toString());
      }
      Evaluator evaluator = validation == null ? null : validation::evaluate;
      GradientSource updates = updates(sc, config, network, trainShards, source);
      TrainingResult result;
      PruneSettings prune = PruneSettings.from(request.settings());
      if (prune.active() && prune.units()) {
        Pruning.checkUnits(network.spec());
      }
      try {
        if (prune.active() && !prune.from().isEmpty() && request.theta0() != null) {
          result = null; // pruning starts from the saved model's weights: no training first
        } else if (config.sync().kind() == SyncMode.Kind.LOCAL) {
          result = localSgd(sc, config, network, source, trainShards, plan, request.theta0(),
              evaluator, observer, checkpoints, resumed, config.sync().k());
        } else if (request.theta0() == null) {
          result = config.train(network, updates, evaluator, observer, checkpoints, resumed);
        } else {
          // As JobConfig.train, from the given Θ: batch norm's running statistics are kept by
          // the wrapping source.
          GradientSource wrapped = FakeQuantizedSource.wrap(network,
              RunningStatisticsSource.wrap(network, updates), config.quantizeAware());
          result = config.lbfgs() != null
              ? new LbfgsTrainer(config.lbfgs(), config.training(), observer)
                  .train(wrapped, request.theta0(), evaluator)
              : new Trainer(config.optimizer(), config.training(), observer)
                  .checkpoints(checkpoints).train(wrapped, request.theta0(), evaluator);
        }
        if (prune.active() && (result == null || result.divergence() == null)) {
          float[] start = result == null ? request.theta0() : result.theta();
          int localRows = Math.max(1, config.batchSize(rowsTrained) / Math.max(1, partitions));
          Pruning.Outcome pruned = new Pruning(prune, network.spec(), config.optimizer(),
              config.lbfgs(), config.training(), observer)
              .run(RunningStatisticsSource.wrap(network, updates), evaluator, start,
                  theta -> source.saliency(theta, localRows), result);
          for (Pruning.Step step : pruned.steps()) {
            LOG.info(String.format(Locale.ROOT, "sparkprop: pruning step %d: %.4f of the weights"
                + " removed, layers %s", step.step(), step.weightFraction(),
                java.util.Arrays.toString(step.hiddenSizes())));
          }
          result = pruned.result();
        }
      } finally {
        if (updates != source) {
          updates.close();
        }
      }
      boolean good = result.divergence() == null;
      MetricSums trainMetrics = request.evaluateTraining() && good
          ? ShardMetrics.of(sc, network, result.theta(), trainShards) : null;
      observer.trainingEvaluated();
      MetricSums testMetrics = sets.test() != null && good
          ? ShardMetrics.of(sc, network, result.theta(), sets.test()) : null;
      if (observer.reportRows() > 0 && good) {
        report(sc, network, result.theta(), sets, trainMetrics, testMetrics, observer,
            config.seed() + 3);
      }
      return new Result(result, rowsTrained, rowsHeld, partitions, trainMetrics, testMetrics,
          checkpoints == null ? null : checkpoints.uri().toString(), trainShards.isSparse());
    }
  }

  /**
   * Hands the observer the figures and a row sample of the set a report shows: the test rows,
   * else the validation rows, else the training rows; figures already measured are not measured
   * again.
   */
  private static void report(JavaSparkContext sc, Network network, float[] theta,
      PackedSets sets, MetricSums trainMetrics, MetricSums testMetrics, FitObserver observer,
      long seed) {
    String name = sets.test() != null ? "test" : sets.validation() != null ? "validation"
        : "training";
    ShardRdd set = sets.test() != null ? sets.test() : sets.validation() != null
        ? sets.validation() : sets.train();
    MetricSums known = sets.test() != null ? testMetrics
        : sets.validation() == null ? trainMetrics : null;
    MetricSums metrics = known != null ? known : ShardMetrics.of(sc, network, theta, set);
    observer.reported(new FitObserver.Report(name, metrics,
        RowSample.draw(sc, network, theta, set, observer.reportRows(), seed)));
  }

  /** Trains with local SGD, K steps per task between two averages (sync=local:K). */
  private static TrainingResult localSgd(JavaSparkContext sc, JobConfig config, Network network,
      GradientSource source, ShardRdd trainShards, BatchPlan plan, float[] theta0,
      Evaluator evaluator, FitObserver observer, CheckpointStore checkpoints,
      TrainingState resumed, int k) {
    float[] initial = theta0 != null ? theta0
        : Initializer.initialTheta(network, config.init(), config.seed());
    try (SparkLocalRounds rounds = new SparkLocalRounds(sc, network, trainShards, plan)) {
      return new LocalSgdTrainer(config.optimizer(), config.training(), observer, k)
          .checkpoints(checkpoints).resumeFrom(resumed)
          .train(source, rounds, initial, evaluator);
    }
  }

  /**
   * Where the updates run: barrier stages when the config asks for them (sync=barrier) or
   * allows them (sync=auto) and the cluster has a task slot for every shard; else one job per
   * update. A barrier stage that fails (a lost executor) is run again from its run's start
   * ({@link BarrierUpdates}), so barrier stages survive what one job per update survives.
   */
  private static GradientSource updates(JavaSparkContext sc, JobConfig config, Network network,
      ShardRdd shards, SparkGradientSource source) {
    if (!config.barrier()) {
      return source;
    }
    try {
      return BarrierUpdates.over(source, sc, network, shards, config.treeDepth());
    } catch (BarrierSlotsException e) {
      if (config.sync().kind() == SyncMode.Kind.BARRIER) {
        throw e;
      }
      LOG.info(String.format(Locale.ROOT, "sparkprop: sync=auto runs one job per update: %d"
          + " shards, %d task slots", e.partitions(), e.slots()));
      return source;
    }
  }

  /**
   * The figures of {@code network} at Θ on {@code rows}: packed into cached shards on the
   * executors, evaluated by one Spark job, freed.
   */
  public static MetricSums evaluate(JavaSparkContext sc, Network network, float[] theta,
      JavaRDD<SampleRow> rows, JobConfig config) {
    NetworkSpec spec = network.spec();
    return evaluate(sc, network, theta, ShardInput.of(rows, spec.size(0), spec.size(spec.depth())),
        config);
  }

  /** As {@link #evaluate(JavaSparkContext, Network, float[], JavaRDD, JobConfig)}. */
  public static MetricSums evaluate(JavaSparkContext sc, Network network, float[] theta,
      ShardInput<?> input, JobConfig config) {
    try (ShardRdd shards = ShardRdd.fromInput(input, partitions(sc, config), storageLevel(config),
        null, null, sparsity(config, network))) {
      return ShardMetrics.of(sc, network, theta, shards);
    }
  }

  /** As {@link #evaluate(JavaSparkContext, Network, float[], ShardInput, JobConfig)} quantized. */
  public static MetricSums evaluate(JavaSparkContext sc, Network network,
      org.sparkprop.nn.QuantizedTheta quantized, ShardInput<?> input, JobConfig config) {
    try (ShardRdd shards = ShardRdd.fromInput(input, partitions(sc, config), storageLevel(config),
        null, null)) {
      return ShardMetrics.of(sc, network, quantized, shards);
    }
  }

  /**
   * How the shards hold the inputs: the {@code data.sparse} setting, where {@code auto} is dense
   * for a network that needs dense inputs (standardize, a residual block from the inputs,
   * augmentation), which {@code true} refuses.
   *
   * @throws SparseInputException for data.sparse=true and such a network or augmentation
   */
  public static Sparsity sparsity(JobConfig config, Network network) {
    Sparsity asked = config.data().sparsity();
    if (asked == Sparsity.DENSE) {
      return asked;
    }
    try {
      network.requireSparseInput();
      if (!config.augment().isIdentity()) {
        throw new SparseInputException("augment.* or inputNoise", config.augment().toString(),
            "augmentations change every input of a row");
      }
      return asked;
    } catch (SparseInputException e) {
      if (asked == Sparsity.SPARSE) {
        throw e;
      }
      LOG.fine("sparkprop: data.sparse=auto holds the inputs dense: " + e.getMessage());
      return Sparsity.DENSE;
    }
  }

  private static void requireSizes(ShardInput<?> input, String set, int inputs, int outputs) {
    if (input.writer().inputs() != inputs || input.writer().outputs() != outputs) {
      throw new IllegalArgumentException("the " + set + " data has samples of "
          + input.writer().inputs() + " inputs and " + input.writer().outputs()
          + " targets but the network has " + inputs + " inputs and " + outputs + " outputs");
    }
  }

  /**
   * Refuses to resume without a checkpoint directory to resume from: the one check behind
   * {@code --resume} and the Estimators' {@code resume}, made before any Spark work.
   *
   * @param name what the caller calls resuming ({@code --resume}, {@code resume})
   * @param kind what the caller calls checkpointDir ({@code setting}, {@code param})
   */
  public static void checkResume(boolean resume, JobConfig config, String name, String kind) {
    if (resume && config.checkpointDir().isEmpty()) {
      throw new IllegalArgumentException(name + " needs the checkpointDir " + kind);
    }
  }

  /** The config's partitions, or Spark's default parallelism for 0. */
  public static int partitions(JavaSparkContext sc, JobConfig config) {
    return config.partitions() > 0 ? config.partitions() : sc.defaultParallelism();
  }

  /** The storage level of the cached shards, from the {@code data.storageLevel} setting. */
  public static StorageLevel storageLevel(JobConfig config) {
    return StorageLevel.fromString(config.storageLevel());
  }

  /**
   * standardize=true: μ_j and σ_j² (denominator N − 1) of the training inputs become the
   * network's standardization (the first 2·M_0 values of its state, as NetworkState documents).
   */
  static void standardize(Network network, ShardRdd shards) {
    network.setStandardization(inputMoments(shards, network.spec().size(0)));
  }

  /**
   * The moments of the training inputs: each shard's by Welford's pass on its executor, merged
   * on the driver in partition order (the same bits on every run, however the tasks finish).
   */
  static InputMoments inputMoments(ShardRdd shards, int inputs) {
    if (shards.isSparse()) {
      throw new IllegalStateException("standardizing sparse shards would make them dense");
    }
    List<InputMoments> parts = shards.rdd()
        .map(shard -> InputMoments.of(shard.samples().x(), 0, shard.rows(), inputs))
        .collect();
    InputMoments all = InputMoments.empty(inputs);
    for (InputMoments part : parts) {
      all = all.merge(part);
    }
    return all;
  }
}
