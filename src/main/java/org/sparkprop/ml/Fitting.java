package org.sparkprop.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.sparkprop.fit.DistributedFit;
import org.sparkprop.report.ReportAssembly;
import org.sparkprop.report.ReportData;
import org.sparkprop.report.RunReport;
import org.sparkprop.fit.FitObserver;
import org.sparkprop.fit.RowErrors;
import org.sparkprop.fit.RowToSample;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Distillation;
import org.sparkprop.nn.InputMoments;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.MetricSums;
import org.sparkprop.train.Settings;
import org.sparkprop.train.Teacher;
import org.sparkprop.train.TrainingDivergedException;
import org.sparkprop.train.TrainingResult;

/**
 * The Estimators' door to {@link DistributedFit}, shared by the classifier and the regressor:
 * DataFrame rows become {@link SampleRow}s on the executors (checked there: sizes, NaN, labels,
 * weights), the one distributed fit trains on them, and its result becomes the model's weights,
 * state and training summary. Nothing is collected to the driver but Θ.
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
   * @param iterations the epochs to run; 0 (MLlib's maxIter 0) trains nothing and returns the
   *     initial weights
   * @param notes what the params leave unused, logged
   */
  static Result fit(Dataset<?> dataset, Settings settings, JobConfig config, String featuresCol,
      String labelCol, String weightCol, Vector initialWeights, boolean resume,
      boolean classify, int iterations, List<String> notes) {
    DistributedFit.checkResume(resume, config, "resume", "param");
    for (String note : notes) {
      LOG.info("sparkprop: " + note);
    }
    NetworkSpec spec = config.network();
    int inputs = spec.size(0);
    int outputs = spec.size(spec.depth());
    Network network = new Network(spec);
    // The initial Θ is drawn here (as the job would draw it) so that the objective history can
    // start with its loss, as MLlib's does; a resumed fit starts from its checkpoint instead.
    float[] theta0 = initialWeights != null ? initialTheta(initialWeights, network)
        : resume ? null : Initializer.initialTheta(network, config.init(), config.seed());
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
        if (iterations == 0) {
          return untrained(sc, rows, settings, config, network, theta0);
        }
        return train(sc, rows, settings, config, network, theta0, resume);
      } finally {
        rows.unpersist(false);
      }
    } catch (SparkException e) {
      throw RowErrors.unwrap(e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof SparkException s) {
        throw RowErrors.unwrap(s);
      }
      throw e;
    }
  }

  private static Result train(JavaSparkContext sc, JavaRDD<SampleRow> rows, Settings settings,
      JobConfig config, Network network, float[] theta0, boolean resume) throws SparkException {
    AtomicReference<FitObserver.Report> reported =
        new AtomicReference<>(new FitObserver.Report("", null, null));
    DistributedFit.Result fit = DistributedFit.fit(sc, new DistributedFit.Request(rows, null,
        settings, config, network, theta0, resume, false, false, new FitObserver() {
          @Override
          public int reportRows() {
            return ReportAssembly.SAMPLE_ROWS;
          }

          @Override
          public void reported(Report report) {
            reported.set(report);
          }
        }).withTeacher(teacher(settings, network.spec())));
    TrainingResult result = fit.training();
    if (result.divergence() != null) {
      throw new TrainingDivergedException(result.divergence());
    }
    Map<String, String> figures = new LinkedHashMap<>();
    figures.put("epochs", Integer.toString(result.epochs()));
    figures.put("updates", Long.toString(result.updates()));
    figures.put("seconds", RunReport.text(result.seconds()));
    figures.put("stop_reason", result.stopReason().label());
    figures.put("train_rows", Integer.toString(fit.trainRows()));
    figures.put("validation_rows", Integer.toString(fit.validationRows()));
    figures.put("partitions", Integer.toString(fit.partitions()));
    figures.put("optimizer", config.optimizerDescription());
    FitObserver.Report measured = reported.get();
    ReportData report = ReportAssembly.of("fit", result, config, settings, network, List.of(),
        measured.set(), measured.metrics(), measured.sample(), List.of(), figures);
    double start = theta0 == null ? Double.NaN
        : DistributedFit.evaluate(sc, network, theta0, rows, config).meanLoss();
    NeuralNetTrainingSummary summary = new NeuralNetTrainingSummary(start, result,
        fit.trainRows(), fit.validationRows(), fit.partitions(), config.optimizerDescription(),
        effective(settings), report);
    return new Result(network.spec(), result.theta(), network.state().values(), summary);
  }

  /**
   * No iteration (MLlib's maxIter 0): the model has the initial Θ, and the input
   * standardization when it is on; the objective history is the starting loss alone.
   */
  private static Result untrained(JavaSparkContext sc, JavaRDD<SampleRow> rows,
      Settings settings, JobConfig config, Network network, float[] theta0) {
    int inputs = network.spec().size(0);
    if (network.spec().standardize()) {
      InputMoments moments = rows
          .mapPartitions(part -> {
            InputMoments m = InputMoments.empty(inputs);
            while (part.hasNext()) {
              float[] x = part.next().dense(inputs);
              m = m.merge(InputMoments.of(x, 0, 1, inputs));
            }
            return List.of(m).iterator();
          })
          .reduce(InputMoments::merge);
      network.setStandardization(moments);
    }
    MetricSums start = DistributedFit.evaluate(sc, network, theta0, rows, config);
    NeuralNetTrainingSummary summary = NeuralNetTrainingSummary.untrained(start.meanLoss(),
        start.rows(), sc.defaultParallelism(), config.optimizerDescription(),
        effective(settings));
    return new Result(network.spec(), theta0, network.state().values(), summary);
  }

  private static Map<String, String> effective(Settings settings) {
    Map<String, String> effective = new LinkedHashMap<>();
    settings.values().forEach((name, value) -> {
      if (!name.startsWith("data.") && !name.equals("master")) {
        effective.put(name, value);
      }
    });
    return effective;
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

  /**
   * The teacher that {@code distill.teacher} names: a classification model saved by
   * {@link NeuralNetClassificationModel#save}; null when the setting is empty.
   */
  private static Teacher teacher(Settings settings, NetworkSpec spec) {
    String path = settings.getText("distill.teacher");
    if (path.isEmpty()) {
      return null;
    }
    NeuralNetClassificationModel model;
    try {
      model = NeuralNetClassificationModel.load(path);
    } catch (Exception e) { // Spark's AnalysisException (unchecked in Scala), and others
      throw new IllegalArgumentException("distill.teacher is '" + path + "', which cannot be read"
          + " as a saved NeuralNetClassificationModel: " + e.getMessage(), e);
    }
    Network network = new Network(model.network());
    if (network.state().size() > 0) {
      network.state().load(model.state());
    }
    Teacher teacher = new Teacher(network, model.theta(), new Distillation(
        (float) settings.getDouble("distill.temperature"),
        (float) settings.getDouble("distill.alpha")));
    teacher.checkTeaches(spec, path);
    return teacher;
  }
}
