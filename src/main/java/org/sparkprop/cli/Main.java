package org.sparkprop.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.sparkprop.settings.Setting;
import org.sparkprop.settings.Source;
import org.sparkprop.train.Settings;
import org.sparkprop.train.TrainingDivergedException;
import org.sparkprop.train.TrainingStoppedException;

/**
 * The command line, for {@code scripts/train} and {@code spark-submit} alike:
 * <pre>
 *   [train] [CONF] [--set name=value]... [--out DIR] [--resume] [--profile]
 *   evaluate MODEL [CONF] [--set name=value]... [--out FILE.json]
 *   predict MODEL [CONF] [--set name=value]... --out PATH[.csv]
 *   export MODEL [--format onnx] --out FILE.onnx
 *   quantize MODEL --out DIR [--type int8|float16]
 *   --version
 * </pre>
 * DIR, MODEL, FILE.json and PATH are Hadoop URIs (hdfs://…, s3a://…, a local path; a relative
 * path is resolved as Hadoop resolves it). CONF is a local file.
 * Settings also come as Spark properties {@code spark.sparkprop.<name>} (e.g. from
 * {@code spark-submit --conf}), between the file and the {@code --set} overrides.
 * {@code --profile} prints where the wall time went (JVM start, Spark session, data, training,
 * evaluation, outputs; {@link PhaseClock}) after a training run.
 * Exit status: 0 done, 2 bad usage, settings or data (nothing run), 3 training diverged,
 * 4 stopped by SIGTERM (with checkpointDir set: after checkpointing, so --resume goes on),
 * 1 the job failed otherwise.
 */
public final class Main {

  private Main() {}

  /**
   * The parsed command line; {@code out} is a Hadoop path (a URI, or relative as before);
   * {@code profile}: print where the run's time went.
   */
  record Arguments(Settings settings, Path out, boolean resume, boolean profile) {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command and returns its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PhaseClock clock =
        PhaseClock.startedInMain(java.util.Arrays.asList(args).contains("--profile"));
    if (asksForHelp(args)) {
      usage(out);
      return 0;
    }
    if (asksForVersion(args)) {
      VersionInfo.print(out);
      return 0;
    }
    String command = args.length > 0 && (args[0].equals("evaluate") || args[0].equals("predict"))
        ? args[0] : "train";
    ContextStart early = ContextStart.none();
    try {
      if (args.length > 0 && args[0].equals("export")) {
        ExportJob.run(ExportJob.parse(args), out);
      } else if (args.length > 0 && args[0].equals("quantize")) {
        QuantizeJob.run(QuantizeJob.parse(args), out);
      } else if (command.equals("train")) {
        Arguments parsed = parse(args);
        // Spark starts while the settings and the output directory are checked.
        early = ContextStart.begin(TrainJob.sessionConf(parsed.settings()));
        TrainJob job = new TrainJob(parsed.settings(), parsed.out(), parsed.resume(), out);
        printSettings(parsed.settings(), out);
        clock.end("settings and checks");
        try (SigtermStop term = SigtermStop.install(!job.config().checkpointDir().isEmpty())) {
          job.run(clock, early);
        }
        clock.end("spark session stop");
        clock.print(out);
        markClassArchive();
      } else {
        if (args.length < 2 || args[1].startsWith("--")) {
          throw new IllegalArgumentException(command + " needs a model directory: " + command
              + " MODEL [CONF] [--set name=value]... [--out PATH]");
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        Arguments parsed = parse(rest, false);
        ModelJob job = new ModelJob(new Path(args[1]), parsed.settings(), parsed.out(), out);
        if (command.equals("evaluate")) {
          job.evaluate();
        } else {
          job.predict();
        }
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("sparkprop: error: " + e.getMessage());
      return 2;
    } catch (TrainingDivergedException e) {
      err.println("sparkprop: error: " + e.getMessage());
      return 3;
    } catch (TrainingStoppedException e) {
      err.println("sparkprop: " + e.getMessage());
      return 4;
    } catch (SparkStoppedException e) {
      err.println("sparkprop: error: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("sparkprop: the job failed: " + e);
      e.printStackTrace(err);
      return 1;
    } finally {
      // A check failed before the job took the context started for it: stop it.
      early.abandon();
    }
  }

  /**
   * A training run that ended well loaded the classes a run needs: when the JVM writes a
   * class-data archive at its exit, the file that {@code -Dsparkprop.classArchiveDone} names
   * says that archive is worth keeping ({@code scripts/common.sh}, class_archive). A file that
   * cannot be written only means the archive is written again by a later run.
   */
  private static void markClassArchive() {
    String marker = System.getProperty("sparkprop.classArchiveDone", "");
    if (!marker.isEmpty()) {
      try {
        java.nio.file.Files.write(java.nio.file.Path.of(marker), new byte[0]);
      } catch (java.io.IOException | RuntimeException e) {
        // no marker: the archive is not kept
      }
    }
  }

  private static void printSettings(Settings settings, PrintStream out) {
    out.println("sparkprop: effective settings");
    settings.values().forEach((k, v) -> out.printf(Locale.ROOT, "  %-24s = %s%s%n", k, v,
        "default".equals(settings.origin(k)) ? "" : "   (" + settings.origin(k) + ")"));
  }

  /** Parses the arguments into settings (defaults, file, Spark properties, overrides) and DIR. */
  static Arguments parse(String[] args) {
    return parse(args, true);
  }

  /**
   * Whether the command line asks for the usage: {@code --help} or {@code -h} anywhere (as in
   * {@code scripts/train --help}, which runs {@code train --help}), other than as the value of
   * {@code --set} or {@code --out}. The usage comes before the version when both are asked.
   */
  static boolean asksForHelp(String[] args) {
    return asksFor(args, "--help", "-h");
  }

  /** As {@link #asksForHelp}, for {@code --version}. */
  static boolean asksForVersion(String[] args) {
    return asksFor(args, "--version");
  }

  private static boolean asksFor(String[] args, String... flags) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--set") || args[i].equals("--out")) {
        i++;
      } else if (java.util.Arrays.asList(flags).contains(args[i])) {
        return true;
      }
    }
    return false;
  }

  /** As {@link #parse(String[])}; without {@code defaultOut} there is no output unless --out. */
  static Arguments parse(String[] args, boolean defaultOut) {
    Settings settings = Settings.defaults();
    Path out = null;
    boolean resume = false;
    boolean profile = false;
    int i = 0;
    if (i < args.length && args[i].equals("train")) {
      i++;
    }
    if (i < args.length && !args[i].startsWith("--")) {
      settings = settings.withFile(java.nio.file.Path.of(args[i]));
      i++;
    }
    settings = withSparkProperties(settings);
    for (; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--set" -> settings = settings.withOverride(value(args, ++i, a), "--set");
        case "--out" -> out = new Path(value(args, ++i, a));
        case "--resume" -> resume = true;
        case "--profile" -> profile = true;
        default -> {
          if (a.startsWith("--set=")) {
            settings = settings.withOverride(a.substring(6), "--set");
          } else if (a.startsWith("--out=")) {
            out = new Path(a.substring(6));
          } else {
            throw new IllegalArgumentException("unexpected argument '" + a
                + "'; usage: [train] [CONF] [--set name=value]... [--out DIR] [--resume]"
                + " [--profile]");
          }
        }
      }
    }
    if (out == null && defaultOut) {
      out = new Path("runs",
          LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
    return new Arguments(settings, out, resume, profile);
  }

  /** Applies {@code spark.sparkprop.<name>} system properties (set by spark-submit --conf). */
  private static Settings withSparkProperties(Settings settings) {
    Settings result = settings;
    for (String key : new java.util.TreeSet<>(System.getProperties().stringPropertyNames())) {
      if (key.startsWith("spark.sparkprop.")) {
        result = result.with(key.substring("spark.sparkprop.".length()), System.getProperty(key),
            Source.SPARK_CONF, "--conf " + key);
      }
    }
    return result;
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static void usage(PrintStream out) {
    out.println("usage: sparkprop [train] [CONF] [--set name=value]... [--out DIR] [--resume]"
        + " [--profile]");
    out.println("       sparkprop evaluate MODEL [CONF] [--set name=value]... [--out FILE.json]");
    out.println("       sparkprop predict MODEL [CONF] [--set name=value]... --out PATH[.csv]");
    out.println("       sparkprop " + ExportJob.USAGE);
    out.println("       sparkprop " + QuantizeJob.USAGE);
    out.println("       sparkprop --version");
    out.println();
    out.println("Trains a multilayer perceptron on Spark. With no CONF, trains the built-in");
    out.println("two-spirals set. evaluate and predict read data.test (or data.train) with a saved");
    out.println("model. export writes a saved model as a standard ONNX file (docs/onnx.md).");
    out.println("quantize stores a saved model's weights as int8 or float16"
        + " (docs/quantization.md).");
    out.println("Settings (CONF lines 'name = value', or --set name=value):");
    for (Setting s : Settings.KNOWN) {
      out.printf(Locale.ROOT, "  %-24s %-10s %s%n", s.name(),
          s.defaultValue().isEmpty() ? "\"\"" : s.defaultValue(), s.doc());
      out.printf(Locale.ROOT, "  %-24s %-10s   %s: %s%n", "", "",
          s.type().name().toLowerCase(Locale.ROOT), s.expected());
    }
  }
}
