package org.sparkprop.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.spark.CheckpointStore;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.spark.ShardRdd;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.Evaluator;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.LbfgsTrainer;
import org.sparkprop.train.RunningStatisticsSource;
import org.sparkprop.train.Settings;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingDivergedException;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;
import org.sparkprop.train.TrainingState;

/**
 * The fit shared by the classifier and the regressor: DataFrame rows become {@link SampleRow}s on
 * the executors (checked there: sizes, NaN, labels), are packed into cached shards with
 * {@link ShardRdd#fromRows}, and the job's trainer runs on a {@link SparkGradientSource} over
 * them; with {@code validationFraction} a seeded split is packed as a second shard set and
 * evaluated, distributed, after every epoch. Nothing is collected to the driver but Θ.
 */
final class Fitting {

  private static final Logger LOG = Logger.getLogger(Fitting.class.getName());

  private Fitting() {}

  /** What a fit produces. */
  record Result(NetworkSpec spec, float[] theta, float[] state,
      NeuralNetTrainingSummary summary) {}

  /**
   * Trains on {@code dataset}.
   *
   * @param resume continue from the newest checkpoint in the config's checkpoint directory
   * @param classify one-hot class targets from integer labels, else real targets
   */
  static Result fit(Dataset<?> dataset, Settings settings, JobConfig config, String featuresCol,
      String labelCol, String weightCol, Vector initialWeights, boolean resume,
      boolean classify) {
    if (resume && config.checkpointDir().isEmpty()) {
      throw new IllegalArgumentException("resume needs the checkpointDir param");
    }
    if (resume && initialWeights != null) {
      throw new IllegalArgumentException("resume continues from a checkpoint's weights; unset"
          + " initialWeights or resume");
    }
    NetworkSpec spec = config.network();
    int inputs = spec.size(0);
    int outputs = spec.size(spec.depth());
    Network network = new Network(spec);
    float[] theta0 = initialWeights == null ? null : initialTheta(initialWeights, network);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    try {
      if (weightCol != null && !weightCol.isEmpty()) {
        checkWeights(dataset, weightCol);
      }
      boolean weighted = weightCol != null && !weightCol.isEmpty();
      Column weight = weighted ? col(weightCol).cast("double") : functions.lit(1.0);
      JavaRDD<SampleRow> rows = dataset.select(col(featuresCol), col(labelCol), weight).javaRDD()
          .map(new RowToSample(featuresCol, labelCol, inputs, outputs, classify))
          .setName("sparkprop rows of " + featuresCol + ", " + labelCol)
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        return train(sc, rows, settings, config, network, theta0, resume);
      } finally {
        rows.unpersist(false);
      }
    } catch (SparkException e) {
      throw unwrap(e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof SparkException s) {
        throw unwrap(s);
      }
      throw e;
    }
  }

  private static Result train(JavaSparkContext sc, JavaRDD<SampleRow> rows, Settings settings,
      JobConfig config, Network network, float[] theta0, boolean resume) throws SparkException {
    NetworkSpec spec = network.spec();
    int inputs = spec.size(0);
    int outputs = spec.size(spec.depth());
    long total = rows.count(); // reads every row once: the row checks run here
    if (total == 0) {
      throw new IllegalArgumentException("the training data has no rows");
    }
    JavaRDD<SampleRow> training = rows;
    JavaRDD<SampleRow> held = null;
    double fraction = config.data().validationFraction();
    if (fraction > 0) {
      JavaRDD<SampleRow>[] split = rows.randomSplit(new double[] {1 - fraction, fraction},
          config.seed());
      training = split[0];
      held = split[1];
    }
    int partitions = config.partitions() > 0 ? config.partitions() : sc.defaultParallelism();
    ShardRdd trainShards = ShardRdd.fromRows(training, partitions, inputs, outputs);
    ShardRdd validationShards = null;
    try {
      if (trainShards.rows() == 0) {
        throw new IllegalArgumentException("setting validationFraction is " + fraction
            + ": it leaves no training rows out of " + total);
      }
      if (held != null) {
        validationShards = ShardRdd.fromRows(held, partitions, inputs, outputs);
        if (validationShards.rows() == 0) {
          throw new IllegalArgumentException("setting validationFraction is " + fraction
              + ": it leaves no validation rows out of " + total);
        }
      }
    } catch (RuntimeException e) {
      trainShards.close();
      if (validationShards != null) {
        validationShards.close();
      }
      throw e;
    }
    if (spec.standardize()) {
      standardize(network, training);
    }
    int rowsTrained = trainShards.rows();
    int rowsHeld = validationShards == null ? 0 : validationShards.rows();
    BatchPlan plan = new BatchPlan(partitions, config.batchSize(rowsTrained), config.seed(),
        config.inputNoise());
    CheckpointStore checkpoints = config.checkpointDir().isEmpty() ? null
        : new CheckpointStore(config.checkpointDir(), config.checkpointEvery(),
            config.checkpointKeep(), settings.values(), network.state(), sc.hadoopConfiguration());
    try (SparkGradientSource source = new SparkGradientSource(sc, network, trainShards, plan,
            config.treeDepth()).deterministic(config.deterministic());
        SparkGradientSource validation = validationShards == null ? null
            : new SparkGradientSource(sc, network, validationShards,
                new BatchPlan(partitions, rowsHeld, config.seed()), config.treeDepth())
                .deterministic(config.deterministic())) {
      // Inside the try, so that a refused checkpoint still frees the shards; after standardize,
      // since reading it puts its network state (standardization, running statistics) back.
      TrainingState resumed = resume ? checkpoints.latest() : null;
      if (resumed != null) {
        LOG.info("sparkprop: resuming after epoch " + resumed.epochs() + " from "
            + checkpoints.uri());
      }
      Evaluator evaluator = validation == null ? null : validation::evaluate;
      TrainingListener listener = TrainingListener.NONE;
      TrainingResult result;
      if (theta0 == null) {
        result = config.train(network, source, evaluator, listener, checkpoints, resumed);
      } else {
        // As JobConfig.train, from the given Θ: batch norm's running statistics are kept by
        // the wrapping source.
        GradientSource wrapped = RunningStatisticsSource.wrap(network, source);
        result = config.lbfgs() != null
            ? new LbfgsTrainer(config.lbfgs(), config.training(), listener)
                .train(wrapped, theta0, evaluator)
            : new Trainer(config.optimizer(), config.training(), listener)
                .checkpoints(checkpoints).train(wrapped, theta0, evaluator);
      }
      if (result.divergence() != null) {
        throw new TrainingDivergedException(result.divergence());
      }
      Map<String, String> effective = new LinkedHashMap<>();
      settings.values().forEach((name, value) -> {
        if (!name.startsWith("data.") && !name.equals("master")) {
          effective.put(name, value);
        }
      });
      NeuralNetTrainingSummary summary = new NeuralNetTrainingSummary(result, rowsTrained,
          rowsHeld, partitions, config.solver(), effective);
      return new Result(spec, result.theta(), network.state().values(), summary);
    }
  }

  /**
   * standardize=true: μ_j and σ_j² (denominator N − 1) of the training inputs, computed by one
   * distributed pass, become the network's standardization (the first 2·M_0 values of its
   * state, as NetworkState documents).
   */
  private static void standardize(Network network, JavaRDD<SampleRow> rows) {
    int inputs = network.spec().size(0);
    double[] sums = rows.aggregate(new double[2 * inputs + 1], (acc, row) -> {
      float[] x = row.x();
      for (int j = 0; j < inputs; j++) {
        acc[j] += x[j];
        acc[inputs + j] += (double) x[j] * x[j];
      }
      acc[2 * inputs]++;
      return acc;
    }, (a, b) -> {
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
      return a;
    });
    double n = sums[2 * inputs];
    float[] state = network.state().values();
    for (int j = 0; j < inputs; j++) {
      double mean = sums[j] / n;
      double variance = Math.max(0, sums[inputs + j] - n * mean * mean) / Math.max(1, n - 1);
      state[j] = (float) mean;
      state[inputs + j] = (float) variance;
    }
    network.state().load(state);
  }

  private static float[] initialTheta(Vector weights, Network network) {
    if (weights.size() != network.parameterCount()) {
      throw new IllegalArgumentException("setting initialWeights has " + weights.size()
          + " values but layers " + java.util.Arrays.toString(network.spec().sizes()) + " have "
          + network.parameterCount() + " parameters");
    }
    float[] theta = new float[weights.size()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = (float) weights.apply(i);
    }
    return theta;
  }

  /**
   * Checks the weight column with one aggregation: no nulls, finite, non-negative, not all 0.
   * Weights that differ are refused: the training core has no per-sample weights yet, and a
   * uniform weight changes nothing (the loss is a weighted mean).
   */
  static void checkWeights(Dataset<?> dataset, String weightCol) {
    Column w = col(weightCol).cast("double");
    Row r = dataset.agg(min(w), max(w), count(when(w.isNull(), 1)), count(when(isnan(w), 1)))
        .first();
    long nulls = r.getLong(2);
    long nans = r.getLong(3);
    if (nulls > 0) {
      throw new IllegalArgumentException("Column " + weightCol + " has a null value (" + nulls
          + " rows); sample weights must be finite numbers >= 0");
    }
    if (nans > 0) {
      throw new IllegalArgumentException("Column " + weightCol + " has the weight NaN (" + nans
          + " rows); sample weights must be finite numbers >= 0");
    }
    if (r.isNullAt(0)) {
      return; // no rows: reported as empty data later
    }
    double lo = r.getDouble(0);
    double hi = r.getDouble(1);
    if (lo < 0 || Double.isInfinite(lo)) {
      throw new IllegalArgumentException("Column " + weightCol + " has the weight " + lo
          + "; sample weights must be finite numbers >= 0");
    }
    if (Double.isInfinite(hi)) {
      throw new IllegalArgumentException("Column " + weightCol + " has the weight " + hi
          + "; sample weights must be finite numbers >= 0");
    }
    if (hi == 0) {
      throw new IllegalArgumentException("Column " + weightCol + " has only zero weights; at"
          + " least one sample weight must be > 0");
    }
  }

  private static final Pattern ROW_ERROR =
      Pattern.compile("IllegalArgumentException: (Column [^\\n]*)");

  /**
   * The row check that failed on an executor, as the IllegalArgumentException it was, rather
   * than a SparkException that wraps it in the task failure's story.
   */
  static RuntimeException unwrap(SparkException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException iae && iae.getMessage() != null
          && iae.getMessage().startsWith("Column ")) {
        return new IllegalArgumentException(iae.getMessage(), e);
      }
    }
    Matcher m = ROW_ERROR.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      return new IllegalArgumentException(m.group(1), e);
    }
    return Fitting.<RuntimeException>rethrow(e);
  }

  /** Throws {@code e} as it is (Scala callers see Spark's own exception, unchecked). */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException rethrow(Throwable e) throws E {
    throw (E) e;
  }

  /** One DataFrame row (features, label) to a sample; runs on the executors. */
  static final class RowToSample implements Function<Row, SampleRow> {
    private static final long serialVersionUID = 1L;
    private final String featuresCol;
    private final String labelCol;
    private final int inputs;
    private final int outputs;
    private final boolean classify;

    RowToSample(String featuresCol, String labelCol, int inputs, int outputs, boolean classify) {
      this.featuresCol = featuresCol;
      this.labelCol = labelCol;
      this.inputs = inputs;
      this.outputs = outputs;
      this.classify = classify;
    }

    @Override
    public SampleRow call(Row row) {
      float[] x = new float[inputs];
      Columns.features(row.get(0), featuresCol, inputs, x, 0, true);
      float[] t = classify ? Columns.classTarget(row.get(1), labelCol, outputs)
          : Columns.regressionTarget(row.get(1), labelCol, outputs);
      return new SampleRow(x, t, (float) row.getDouble(2));
    }
  }
}
