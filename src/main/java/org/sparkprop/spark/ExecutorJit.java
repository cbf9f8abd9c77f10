package org.sparkprop.spark;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.sparkprop.train.Settings;

/**
 * The JIT compilers of the executors a context started here launches (setting
 * {@code executorJit}). A fresh executor JVM compiles Spark's start-up code and then the job's
 * kernels; with C2 behind C1 (the JVM's tiered default) that compilation competes for the cores
 * with the job itself. On a 2-core machine running a driver and two one-core executors, C1 alone
 * trained the spirals default in 0.56–0.81 s against 0.84–1.28 s, and the executors were up
 * and the shards cached about 3 s sooner; it lost where a long job runs many updates of
 * Java-side loops (Fashion-MNIST, batch 128, 4 epochs: 10.8–11.8 s of training against
 * 8.7–8.9 s). So
 * {@code auto} takes C1 for a job known to be small before Spark starts, else the tiered default.
 * Local mode has no executors; its JVM's options are its launcher's.
 */
public enum ExecutorJit {
  /** The JVM's default: C1 first, C2 for the hottest methods. */
  TIERED,
  /** C1 alone: {@value #C1_OPTION}. */
  C1;

  /** The JVM option that stops compilation at C1. */
  public static final String C1_OPTION = "-XX:TieredStopAtLevel=1";

  /**
   * The largest job {@code auto} runs with C1, in epochs × rows × parameters: the spirals default
   * is 2.5·10⁸, 200 epochs of it 2.0·10⁹ (C1 still quicker); Fashion-MNIST's 784-256-128-10 is
   * 1.4·10¹⁰ per epoch.
   */
  public static final double SMALL_JOB = 1e10;

  /** The Spark property that carries the executors' JVM options. */
  public static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";

  /** The Spark property with the executors' JVM options an administrator sets, before ours. */
  public static final String EXECUTOR_DEFAULT_OPTIONS = "spark.executor.defaultJavaOptions";

  /** The values of the setting. */
  public static final String FORMS = "auto, tiered or c1";

  /**
   * The choice for {@code setting} (auto, tiered or c1) and a job of {@code work} epochs × rows
   * × parameters, or a negative {@code work} when its size is not known before Spark starts.
   */
  public static ExecutorJit choose(String setting, double work) {
    return switch (setting.trim().toLowerCase(Locale.ROOT)) {
      case "tiered" -> TIERED;
      case "c1" -> C1;
      case "auto" -> work >= 0 && work <= SMALL_JOB ? C1 : TIERED;
      default -> throw new IllegalArgumentException("executorJit must be one of " + FORMS
          + ", not '" + setting + "'");
    };
  }

  /**
   * The choice for a job's settings. Its size is known before Spark starts only for generated
   * data ({@code data.format=synthetic}): epochs × {@code data.samples} × Σ (M_{k-1} + 1)·M_k over
   * {@code layers}, an estimate that leaves out what the layers' extras add.
   */
  public static ExecutorJit forJob(Settings settings) {
    double work = -1;
    if (settings.getText("data.format").trim().equalsIgnoreCase("synthetic")) {
      int[] layers = settings.getIntList("layers");
      double parameters = 0;
      for (int k = 1; k < layers.length; k++) {
        parameters += (layers[k - 1] + 1.0) * layers[k];
      }
      work = (double) settings.getInt("epochs") * settings.getInt("data.samples") * parameters;
    }
    return choose(settings.getText("executorJit"), work);
  }

  /**
   * Adds {@link #C1_OPTION} to the executors' JVM options of {@code conf} for {@link #C1}, unless
   * those options or the administrator's defaults already choose a compilation level themselves
   * (theirs wins); {@link #TIERED} leaves {@code conf} as it is.
   */
  public SparkConf applyTo(SparkConf conf) {
    if (this == C1) {
      String options = conf.get(EXECUTOR_OPTIONS, "").trim();
      String both = conf.get(EXECUTOR_DEFAULT_OPTIONS, "") + " " + options;
      if (!both.contains("TieredStopAtLevel") && !both.contains("TieredCompilation")) {
        conf.set(EXECUTOR_OPTIONS, options.isEmpty() ? C1_OPTION : options + " " + C1_OPTION);
      }
    }
    return conf;
  }

  /** Whether {@code conf}'s executors run C1 alone. */
  public static boolean c1In(SparkConf conf) {
    return conf.get(EXECUTOR_OPTIONS, "").contains(C1_OPTION);
  }
}
