package org.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.bench.GaussianClasses;
import org.sparkprop.bench.GcLog;

/**
 * The command line on a standalone cluster (a master and two one-core workers on 127.0.0.1,
 * started by scripts/cluster) with a data set twice the driver's heap: the driver runs with
 * {@code -Xmx512m} and the training set is 342,393 rows of 784 float32 features, 1 GiB once
 * packed. The set is generated as Parquet by the executors ({@link GaussianClasses}), so it never
 * passes through this JVM either. train, evaluate and predict are submitted with
 * {@code scripts/cluster submit} and must all succeed; the driver's GC log says how much heap it
 * kept.
 */
@Tag("cluster")
class LargerThanDriverTest {

  private static final String MASTER = "spark://127.0.0.1:7077";
  private static final String DRIVER_MEMORY = "512m";
  private static final long DRIVER_HEAP = 512L << 20;
  /** The fewest rows whose float32 features fill twice the driver's heap. */
  private static final long ROWS = (2 * DRIVER_HEAP + 4L * GaussianClasses.INPUTS - 1)
      / (4L * GaussianClasses.INPUTS);
  private static final long TEST_ROWS = 10_000;
  /**
   * Each executor caches its half of the shards (about 540 MB): 2g gives Spark's storage about
   * 1 GB of it. The workers have 3g each.
   */
  private static final String EXECUTOR_MEMORY = "2g";
  /**
   * Three epochs of Adam reach a test accuracy of 0.886 (train 0.901) where the best possible is
   * about 0.90 and chance is 0.10.
   */
  private static final double MIN_ACCURACY = 0.75;
  /** What the driver may keep after a GC: half its heap (it keeps about 90 MiB). */
  private static final long MAX_DRIVER_AFTER_GC = DRIVER_HEAP / 2;

  private static final List<String> DATA = List.of("--set", "partitions=2",
      "--set", "data.format=parquet");
  private static final List<String> MODEL = List.of("--set", "layers=784,32,10",
      "--set", "optimizer=adam", "--set", "stepSize=0.003", "--set", "batchSize=4096",
      "--set", "epochs=3");

  private static final Pattern WROTE = Pattern.compile("sparkprop: wrote (\\d+) predictions");

  @Test
  void trainsEvaluatesAndPredictsOnASetTwiceTheDriversHeap(@TempDir Path dir) throws Exception {
    assertTrue(ROWS * GaussianClasses.INPUTS * 4 >= 2 * DRIVER_HEAP);
    requireFreePort();
    long start = System.nanoTime();
    run(dir.resolve("start.log"), List.of(), "scripts/cluster", "start", "2");
    try {
      Path train = dir.resolve("train.parquet");
      Path test = dir.resolve("test.parquet");
      long t = System.nanoTime();
      GaussianClasses.generate(MASTER, 4, List.of(
          new GaussianClasses.Set(train.toString(), ROWS, 1),
          new GaussianClasses.Set(test.toString(), TEST_ROWS, 2)), generatorSettings());
      report("generate", t);

      t = System.nanoTime();
      Path gc = dir.resolve("driver-gc.log");
      Path run = dir.resolve("run");
      String trained = submit(dir.resolve("train.log"),
          List.of("SPARKPROP_DRIVER_JAVA_OPTS=-Xlog:gc*:file=" + gc),
          "train", "--set", "data.train=" + train, "--set", "data.test=" + test,
          "--out", run.toString());
      report("train", t);
      // Both executors hold their shard (in memory, or spilled to disk at MEMORY_AND_DISK).
      assertTrue(trained.contains("(2 of 2)"), trained);
      JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
      assertEquals(MASTER, summary.path("master").asText());
      assertEquals(ROWS, summary.path("train_rows").asLong());
      assertEquals(TEST_ROWS, summary.path("test_rows").asLong());
      double accuracy = summary.path("test_accuracy").asDouble();
      assertTrue(accuracy >= MIN_ACCURACY, "test accuracy " + accuracy);
      List<GcLog.Pause> pauses = GcLog.read(gc);
      long kept = GcLog.peakAfter(pauses);
      System.out.printf(Locale.ROOT, "LargerThanDriverTest: test accuracy %.4f; driver heap"
          + " after GC at most %.1f MiB (before GC at most %.1f MiB) over %d pauses%n", accuracy,
          kept / 1048576.0, GcLog.peakBefore(pauses) / 1048576.0, pauses.size());
      assertTrue(pauses.size() > 0, "no GC pause in " + gc);
      assertTrue(kept < MAX_DRIVER_AFTER_GC, "the driver kept " + kept + " bytes after a GC");

      t = System.nanoTime();
      Path evaluation = dir.resolve("evaluation.json");
      submit(dir.resolve("evaluate.log"), List.of(), "evaluate", run.resolve("model").toString(),
          "--set", "data.train=" + train, "--out", evaluation.toString());
      report("evaluate", t);
      JsonNode figures = new ObjectMapper().readTree(evaluation.toFile());
      assertEquals(ROWS, figures.path("rows").asLong());
      assertTrue(figures.path("accuracy").asDouble() >= MIN_ACCURACY, figures.toString());

      t = System.nanoTime();
      Path predictions = dir.resolve("predictions");
      String output = submit(dir.resolve("predict.log"), List.of(), "predict",
          run.resolve("model").toString(), "--set", "data.train=" + train,
          "--out", predictions.toString());
      report("predict", t);
      Matcher wrote = WROTE.matcher(output);
      assertTrue(wrote.find(), output);
      assertEquals(ROWS, Long.parseLong(wrote.group(1)));
      assertEquals(ROWS, parquetRows(predictions));
    } finally {
      run(dir.resolve("stop.log"), List.of(), "scripts/cluster", "stop");
      report("the whole test", start);
    }
  }

  /** Fails unless port 7077 is free: a cluster already there would take this test's jobs. */
  private static void requireFreePort() {
    try (Socket s = new Socket("127.0.0.1", 7077)) {
      throw new AssertionError("something already listens on 127.0.0.1:7077 (another cluster?)");
    } catch (IOException free) {
      // Nothing listens: the test's own cluster may start.
    }
  }

  /** The generator's session: the executors load it from the test classes. */
  private static String[] generatorSettings() {
    List<String> options = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-Dio.netty.tryReflectionSetAccessible")) {
        options.add(a);
      }
    }
    return new String[] {
        "spark.executor.extraClassPath=" + Path.of("target/test-classes").toAbsolutePath(),
        "spark.executor.extraJavaOptions=" + String.join(" ", options),
        "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
        "spark.executor.memory=1g"};
  }

  /** The rows in the Parquet files under {@code dir}, from their footers. */
  private static long parquetRows(Path dir) throws IOException {
    Configuration hadoop = new Configuration();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toUri());
    FileSystem fs = root.getFileSystem(hadoop);
    long rows = 0;
    for (FileStatus f : fs.listStatus(root, p -> p.getName().endsWith(".parquet"))) {
      try (ParquetFileReader reader = ParquetFileReader.open(
          HadoopInputFile.fromPath(f.getPath(), hadoop))) {
        rows += reader.getRecordCount();
      }
    }
    return rows;
  }

  private static String submit(Path log, List<String> env, String command, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("scripts/cluster", "submit", command,
        "--driver-memory", DRIVER_MEMORY, "--executor-memory", EXECUTOR_MEMORY));
    if (command.equals("train")) {
      cmd.addAll(MODEL);
    } else {
      cmd.add(args[0]);
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    cmd.addAll(DATA);
    cmd.addAll(List.of(args));
    return run(log, env, cmd.toArray(new String[0]));
  }

  private static String run(Path log, List<String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(new File("."))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    for (String e : env) {
      int eq = e.indexOf('=');
      builder.environment().put(e.substring(0, eq), e.substring(eq + 1));
    }
    Process p = builder.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " timed out");
    }
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + output);
    return output;
  }

  private static void report(String step, long since) {
    System.out.printf(Locale.ROOT, "LargerThanDriverTest: %s took %.0f s%n", step,
        (System.nanoTime() - since) / 1e9);
  }
}
