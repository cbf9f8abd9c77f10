package org.sparkprop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.data.DataSources;
import org.sparkprop.fit.DistributedFit;
import org.sparkprop.fit.FitObserver;
import org.sparkprop.fit.JobData;
import org.sparkprop.fit.RowErrors;
import org.sparkprop.nn.Distillation;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.prune.PruneSettings;
import org.sparkprop.report.ReportAssembly;
import org.sparkprop.report.ReportData;
import org.sparkprop.report.ReportJson;
import org.sparkprop.report.RunReport;
import org.sparkprop.report.UpdateSplit;
import org.sparkprop.spark.ExecutorJit;
import org.sparkprop.spark.ProgressNote;
import org.sparkprop.spark.ShardInput;
import org.sparkprop.spark.UpdateCostLog;
import org.sparkprop.tensor.Blas;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.MetricSums;
import org.sparkprop.train.Settings;
import org.sparkprop.train.Teacher;
import org.sparkprop.train.TrainingDivergedException;
import org.sparkprop.train.TrainingResult;
import org.sparkprop.train.TrainingState;

/**
 * The training job behind the command line, a thin layer over the one distributed fit: start
 * (or join) Spark, read the data sets on the executors ({@link JobData}), fit
 * ({@link DistributedFit}), evaluate the test set there, and write the run's outputs. The driver
 * holds Θ, the optimizer's state and sums, never a data set.
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
   * Validates everything it can before any Spark work: the settings, and that the output
   * directory holds no earlier model or summary (a run never overwrites one). Input files are
   * checked once the session's Hadoop configuration is known, before any Spark job.
   */
  public TrainJob(Settings settings, Path out, boolean resume, PrintStream console) {
    this.settings = settings;
    this.config = JobConfig.from(settings);
    DistributedFit.checkResume(resume, config, "--resume", "setting");
    RunOutput.checkNew(out, Sessions.hadoopConfiguration());
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
    return run(PhaseClock.off());
  }

  /** As {@link #run()}, marking the end of each phase of the run on {@code clock}. */
  Map<String, Object> run(PhaseClock clock) throws IOException {
    return run(clock, ContextStart.none());
  }

  /**
   * As {@link #run(PhaseClock)}, on the context that {@code early} started for this job's
   * master, when it started one.
   */
  Map<String, Object> run(PhaseClock clock, ContextStart early) throws IOException {
    return Sessions.runOnContext(sessionConf(settings), early, (context, session) -> {
      clock.end("spark session start");
      return run(context, session, clock);
    });
  }

  /**
   * The configuration of a context started for a job with {@code settings}: that of its master,
   * with the executors' compilers it calls for ({@link ExecutorJit}).
   */
  static SparkConf sessionConf(Settings settings) {
    return ExecutorJit.forJob(settings).applyTo(Sessions.conf(settings.getText("master")));
  }

  /** Runs the job on an existing session (left running). */
  public Map<String, Object> run(SparkSession spark) throws IOException {
    return run(spark.sparkContext(), () -> spark, PhaseClock.off());
  }

  private Map<String, Object> run(SparkContext context, Supplier<SparkSession> session,
      PhaseClock clock) throws IOException {
    try {
      return train(context, session, clock);
    } catch (SparkException e) {
      throw RowErrors.unwrap(e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof SparkException s) {
        throw RowErrors.unwrap(s);
      }
      throw e;
    }
  }

  private Map<String, Object> train(SparkContext context, Supplier<SparkSession> session,
      PhaseClock clock) throws IOException, SparkException {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(context);
    DataSources.checkInputs(config.data(), sc.hadoopConfiguration());
    Teacher teacher = teacher(settings, sc.hadoopConfiguration(), config.network());
    Blas.logChoice();
    console.println("sparkprop: BLAS " + Blas.implementation() + ", Spark " + sc.version()
        + " on " + sc.master() + (!sc.isLocal() && ExecutorJit.c1In(sc.getConf())
            ? "; executors compile with C1 alone (executorJit)" : ""));
    clock.end("input checks, blas load");

    Network network = new Network(config.network());
    JobData data = JobData.read(context, session, config.data(), config.network(),
        config.seed());
    Configuration hadoop = sc.hadoopConfiguration();
    try (RunOutput output = new RunOutput(out, hadoop)) {
      ProgressPrinter progress = new ProgressPrinter(console, config.training().epochs(), output,
          console == System.out && System.console() != null);
      UpdateCostLog costs = clock.on() ? UpdateCostLog.attach(sc) : null;
      AtomicReference<FitObserver.Report> parts =
          new AtomicReference<>(new FitObserver.Report("", null, null));
      FitObserver observer = new FitObserver() {
        @Override
        public UpdateCostLog updateCosts() {
          return costs;
        }

        @Override
        public ProgressNote progressNote() {
          return progress.note();
        }

        @Override
        public void onProgress(int epoch, int done, int iterations) {
          progress.onProgress(epoch, done, iterations);
        }

        @Override
        public int reportRows() {
          return ReportAssembly.SAMPLE_ROWS;
        }

        @Override
        public void reported(Report report) {
          parts.set(report);
        }

        @Override
        public void onEpoch(EpochStats stats, float[] theta) {
          progress.onEpoch(stats, theta);
          clock.epoch(stats.epoch(), stats.elapsedSeconds());
        }

        @Override
        public void onStart(long startNanos) {
          clock.epochsFrom(startNanos);
        }

        @Override
        public void packed(Packing p) {
          clock.end("data read, pack and cache");
          progress.packed(p.batchSize());
          console.printf(Locale.ROOT, "sparkprop: %s, %d parameters; %d training rows (%s);"
                  + " %s mode, batch %d, %d partitions, %d updates per epoch%n",
              config.network(), network.parameterCount(), p.trainRows(), data.trainSource(),
              config.mode().name().toLowerCase(Locale.ROOT), p.batchSize(), p.partitions(),
              p.updatesPerEpoch());
          console.printf(Locale.ROOT, "sparkprop: %s, init %s%s; shards cached %s (%d of %d)%s%n",
              config.optimizerDescription(), config.init().label(),
              p.validationRows() == 0 ? "" : ", " + p.validationRows() + " validation rows",
              p.storageLevel(), p.cachedPartitions(), p.totalPartitions(),
              p.sparseInputs() ? ", inputs sparse" : "");
          console.println(network.summary());
        }

        @Override
        public void trainingEvaluated() {
          clock.endAtLastEpoch("training loop");
          clock.end("train-set figures");
        }

        @Override
        public void resumed(TrainingState state, String where) {
          int batches = state.progress().iteration();
          console.printf(Locale.ROOT, "sparkprop: resuming after epoch %d%s from %s%n",
              state.epochs(), batches == 0 ? "" : " and " + batches + " batches", where);
          state.history().forEach(output::epoch);
        }
      };
      float[] theta0 = PrunedModels.startingWeights(PruneSettings.from(settings), network,
          hadoop);
      DistributedFit.Result fit = DistributedFit.fit(sc, new DistributedFit.Request(data.train(),
          data.validation(), data.test(), settings, config, network, theta0, resume, true, true,
          observer).withTeacher(teacher).withUnlabeled(unlabeled(settings, context, config)));
      TrainingResult result = fit.training();
      List<UpdateSplit> split = new ArrayList<>();
      if (costs != null) {
        costs.print(console);
        costs.windows().forEach(w -> split.add(UpdateSplit.of(w)));
        costs.close();
      }
      if (result.divergence() != null) {
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("epochs", result.epochs());
        failed.put("stop_reason", result.stopReason().label());
        failed.put("error", result.divergence().message());
        report(output, fit, network, data, parts.get(), split, failed);
        output.summary(settings, failed);
        throw new TrainingDivergedException(result.divergence(), fit.checkpoints() == null ? ""
            : "; the last good checkpoint is in " + fit.checkpoints());
      }
      MetricSums test = fit.testMetrics();
      clock.end("test-set evaluation");
      Map<String, Object> figures = figures(fit, test, network, sc);
      if (!data.classNames().isEmpty()) {
        figures.put("class_names", data.classNames());
      }
      report(output, fit, network, data, parts.get(), split, figures);
      clock.end("report");
      PrunedModels.write(new Path(output.dir(), "model"), PruneSettings.from(settings), network,
          result.theta(), data.classNames(), hadoop, console);
      output.summary(settings, figures);
      clock.end("writing model and summary");
      console.printf(Locale.ROOT, "sparkprop: %s after %d epochs (%s), %.1f s; wrote %s%n",
          describe(figures), result.epochs(), result.stopReason().label(), result.seconds(),
          new Path(output.dir(), "summary.json"));
      return figures;
    }
  }

  /**
   * Writes report.html (and the report-data.json it is drawn from) into the run directory; a
   * report that cannot be drawn is a warning, never a failed run.
   */
  private void report(RunOutput output, DistributedFit.Result fit, Network network,
      JobData data, FitObserver.Report parts, List<UpdateSplit> split,
      Map<String, Object> figures) {
    try {
      ReportData report = ReportAssembly.of(output.dir().getName(), fit.training(), config,
          settings, network, data.classNames().isEmpty() ? classNames(settings)
              : data.classNames(), parts.set(), parts.metrics(), parts.sample(), split,
          RunReport.texts(figures));
      output.file(RunReport.DATA_FILE, ReportJson.write(report));
      output.file(RunReport.FILE, RunReport.html(report).getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException | LinkageError e) {
      console.println("sparkprop: warning: no report: " + e);
    }
  }

  /** The names of setting data.classNames, class 0 first (none when it is empty). */
  static List<String> classNames(Settings settings) {
    String names = settings.get("data.classNames").trim();
    return names.isEmpty() ? List.of() : List.of(names.split("\\s*,\\s*"));
  }

  private Map<String, Object> figures(DistributedFit.Result fit, MetricSums test,
      Network network, JavaSparkContext sc) {
    TrainingResult result = fit.training();
    MetricSums train = fit.trainMetrics();
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
    figures.put("optimizer", config.optimizerDescription());
    figures.put("init", config.init().label());
    figures.put("final_loss", train.meanLoss());
    boolean tested = test.rows() > 0;
    if (config.network().classifies()) {
      figures.put("train_accuracy", train.accuracy());
      figures.put("test_accuracy", tested ? test.accuracy() : null);
      figures.put("test_loss", tested ? test.meanLoss() : null);
    } else {
      figures.put("train_rmse", train.rmse());
      figures.put("test_rmse", tested ? test.rmse() : null);
    }
    figures.put("train_rows", fit.trainRows());
    figures.put("validation_rows", fit.validationRows());
    figures.put("test_rows", test.rows());
    figures.put("parameters", network.parameterCount());
    figures.put("partitions", fit.partitions());
    figures.put("storage_level", config.storageLevel());
    figures.put("sparse_inputs", fit.sparseInputs());
    figures.put("blas", Blas.implementation());
    figures.put("spark_version", sc.version());
    figures.put("master", sc.master());
    return figures;
  }

  private static String describe(Map<String, Object> f) {
    return f.containsKey("test_accuracy")
        ? String.format(Locale.ROOT, "train accuracy %.4f, test accuracy %s",
            (Double) f.get("train_accuracy"), fixed(f.get("test_accuracy"), "%.4f"))
        : String.format(Locale.ROOT, "train RMSE %.5f, test RMSE %s", (Double) f.get("train_rmse"),
            fixed(f.get("test_rmse"), "%.5f"));
  }

  /** A figure with {@code format}, or "none" when there is none (no test rows). */
  private static String fixed(Object figure, String format) {
    return figure == null ? "none" : String.format(Locale.ROOT, format, (Double) figure);
  }

  /**
   * The rows without labels that {@code distill.unlabeled} names, read lazily on the executors
   * (an IDX images file, no labels file; checked by {@link JobConfig}); null when it is empty.
   */
  private static ShardInput<?> unlabeled(Settings settings, SparkContext context,
      JobConfig config) {
    String path = settings.getText("distill.unlabeled");
    return path.isEmpty() ? null : JobData.input(
        DataSources.readIdxUnlabeled(context, config.data(), path), path, config.network());
  }

  /**
   * The teacher that {@code distill.teacher} names, checked against the student {@code spec}
   * before any output is written: a model directory written by {@code sparkprop train} (any
   * Hadoop URI); null when the setting is empty.
   */
  private static Teacher teacher(Settings settings, Configuration hadoop, NetworkSpec spec)
      throws IOException {
    String path = settings.getText("distill.teacher");
    if (path.isEmpty()) {
      return null;
    }
    ModelFile.Loaded model = ModelFile.read(new Path(path), hadoop);
    Teacher teacher = new Teacher(model.network(), model.theta(), new Distillation(
        (float) settings.getDouble("distill.temperature"),
        (float) settings.getDouble("distill.alpha")));
    teacher.checkTeaches(spec, path);
    return teacher;
  }

}
