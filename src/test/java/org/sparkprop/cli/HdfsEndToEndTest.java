package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkprop.cli.MainOutcome.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.data.IdxFiles;
import org.sparkprop.data.MiniHdfs;
import org.sparkprop.spark.CheckpointStore;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.spark.LocalSpark;

/**
 * The command line end to end against a real (in-process) HDFS, as a user runs it: training sets
 * put on HDFS, training, resumption, evaluate and predict with every input, output, model and
 * checkpoint an {@code hdfs://} URI, looked at afterwards through HDFS's own FileSystem.
 */
@Tag("hdfs")
class HdfsEndToEndTest {

  /** Rows of the two-class Parquet set. */
  private static final int ROWS = 400;
  /** Side of the IDX images and their number of classes (one bright quadrant per class). */
  private static final int SIDE = 4;
  private static final int CLASSES = 4;

  @TempDir static java.nio.file.Path local;

  private static String hdfs;
  private static FileSystem fs;
  private static String parquet;
  private static String images;
  private static String testImages;
  private static MainOutcome firstRun;

  @BeforeAll
  static void putDataOnHdfs() throws IOException {
    SparkSession spark = LocalSpark.session();
    hdfs = MiniHdfs.uri();
    fs = MiniHdfs.fileSystem();

    java.nio.file.Path blobs = local.resolve("blobs.parquet");
    spark.createDataFrame(blobs(ROWS, 5), blobSchema()).repartition(2).write()
        .parquet(blobs.toString());
    fs.copyFromLocalFile(new Path(blobs.toUri()), new Path("/sets/blobs.parquet"));
    parquet = hdfs + "/sets/blobs.parquet";

    putIdx("train", 240, 7, false);
    putIdx("t10k", 80, 8, true);
    images = hdfs + "/sets/idx/train-images-idx3-ubyte";
    testImages = hdfs + "/sets/idx/t10k-images-idx3-ubyte.gz";
  }

  @AfterAll
  static void stopHdfs() {
    MiniHdfs.stop();
  }

  /**
   * Two Gaussian blobs, class 0 around (-1, -1) and class 1 around (1, 1), standard deviation
   * 0.5, each row with a string key {@code id}.
   */
  private static List<Row> blobs(int count, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      int label = n % 2;
      double centre = label == 0 ? -1 : 1;
      rows.add(RowFactory.create("key-" + n, Vectors.dense(centre + 0.5 * random.nextGaussian(),
          centre + 0.5 * random.nextGaussian()), (double) label));
    }
    return rows;
  }

  private static StructType blobSchema() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false)));
  }

  /**
   * Writes an IDX pair {@code NAME-images-idx3-ubyte}, {@code NAME-labels-idx1-ubyte} of
   * {@code count} 4×4 images, dim noise with class k's quadrant bright, gzipped (with names
   * ending in .gz, as Fashion-MNIST ships them) or not, and puts it on HDFS.
   */
  private static void putIdx(String name, int count, long seed, boolean gzip)
      throws IOException {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * SIDE * SIDE];
    byte[] labels = new byte[count];
    int half = SIDE / 2;
    for (int n = 0; n < count; n++) {
      int label = n % CLASSES;
      labels[n] = (byte) label;
      for (int r = 0; r < SIDE; r++) {
        for (int c = 0; c < SIDE; c++) {
          boolean bright = (r / half) * 2 + c / half == label;
          int value = bright ? 150 + random.nextInt(106) : random.nextInt(80);
          pixels[n * SIDE * SIDE + r * SIDE + c] = (byte) value;
        }
      }
    }
    String suffix = gzip ? ".gz" : "";
    java.nio.file.Path imageFile = local.resolve(name + "-images-idx3-ubyte" + suffix);
    java.nio.file.Path labelFile = local.resolve(name + "-labels-idx1-ubyte" + suffix);
    Files.write(imageFile, gzip(IdxFiles.idx(2051, new int[] {count, SIDE, SIDE}, pixels), gzip));
    Files.write(labelFile, gzip(IdxFiles.idx(2049, new int[] {count}, labels), gzip));
    fs.copyFromLocalFile(new Path(imageFile.toUri()),
        new Path("/sets/idx/" + imageFile.getFileName()));
    fs.copyFromLocalFile(new Path(labelFile.toUri()),
        new Path("/sets/idx/" + labelFile.getFileName()));
  }

  /** An IDX file: magic, dimensions, unsigned bytes, big-endian as MNIST has them. */

  private static byte[] gzip(byte[] data, boolean gzip) throws IOException {
    if (!gzip) {
      return data;
    }
    return IdxFiles.gzip(data);
  }

  /** A training command on the Parquet set on HDFS, output to {@code out} on HDFS. */
  private static List<String> train(String out, String... more) {
    List<String> args = new ArrayList<>(List.of("--set", "data.format=parquet", "--set",
        "data.train=" + parquet, "--set", "layers=2,8,2", "--set", "optimizer=adam", "--set",
        "stepSize=0.02", "--set", "partitions=2", "--set", "schedule=constant",
        "--out", hdfs + out));
    args.addAll(List.of(more));
    return args;
  }

  /**
   * The first run: 3 epochs on the Parquet set with checkpoints on HDFS, into /runs/run1 (run
   * once, for the tests that continue from it or use its model).
   */
  private static synchronized MainOutcome firstRun() {
    if (firstRun == null) {
      firstRun = run(train("/runs/run1", "--set", "epochs=3", "--set",
          "checkpointDir=" + hdfs + "/ckpt"));
    }
    return firstRun;
  }

  private static JsonNode json(String path) throws IOException {
    try (InputStream in = fs.open(new Path(path))) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static long lines(String path) throws IOException {
    try (InputStream in = fs.open(new Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count();
    }
  }

  private static List<String> names(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus f : fs.listStatus(new Path(dir))) {
      names.add(f.getPath().getName());
    }
    return names.stream().sorted().toList();
  }

  /** The paths of the files under {@code dir}, at any depth, in listing order. */
  private static List<String> files(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    if (fs.exists(new Path(dir))) {
      var found = fs.listFiles(new Path(dir), true);
      while (found.hasNext()) {
        names.add(found.next().getPath().toUri().getPath());
      }
    }
    return names;
  }

  private static float[] theta(String model) throws IOException {
    return ModelFile.read(new Path(hdfs + model),
        LocalSpark.context().hadoopConfiguration()).theta();
  }

  @Test
  void trainsFromParquetOnHdfsAndResumesToTheWeightsOfAnUninterruptedRun() throws IOException {
    MainOutcome first = firstRun();
    assertEquals(0, first.status(), first.err());
    assertEquals(List.of(HadoopOutput.MARKER, "metrics.jsonl", "model", "report-data.json",
        "report.html", "summary.json"),
        names("/runs/run1"));
    assertTrue(fs.exists(new Path("/runs/run1/model/" + HadoopOutput.MARKER)));
    assertEquals(3, lines("/runs/run1/metrics.jsonl"));
    JsonNode summary = json("/runs/run1/summary.json");
    assertEquals(3, summary.path("epochs").asInt());
    assertEquals(parquet, summary.path("settings").path("data.train").asText());
    assertEquals(ROWS, summary.path("train_rows").asInt() + summary.path("test_rows").asInt());
    double accuracy = summary.path("test_accuracy").asDouble();
    assertTrue(accuracy >= 0.9, "test accuracy after 3 epochs on two blobs: " + summary);

    // One directory for the fit's settings: three complete checkpoints, the lease released.
    List<String> runs = names("/ckpt");
    assertEquals(1, runs.size(), runs.toString());
    assertTrue(runs.get(0).matches("run-[0-9a-f]{16}"), runs.toString());
    String own = "/ckpt/" + runs.get(0);
    List<String> checkpoints = names(own).stream().filter(n -> n.startsWith("ckpt-")).toList();
    assertEquals(List.of("ckpt-000001", "ckpt-000002", "ckpt-000003"), checkpoints);
    for (String c : checkpoints) {
      assertTrue(fs.exists(new Path(own + "/" + c + "/" + HadoopOutput.MARKER)), c);
    }
    assertFalse(names(own).contains("_LEASE"), names(own).toString());

    String contextCheckpoints = LocalSpark.context().getCheckpointDir().orNull();
    MainOutcome resumed = run(train("/runs/run2", "--set", "epochs=6", "--set",
        "checkpointDir=" + hdfs + "/ckpt", "--resume"));
    assertEquals(0, resumed.status(), resumed.err());
    assertEquals(contextCheckpoints, LocalSpark.context().getCheckpointDir().orNull(),
        "a fit leaves the context's checkpoint directory as it found it");
    assertTrue(resumed.out().contains("resuming after epoch 3 from " + hdfs + own),
        resumed.out());
    assertTrue(!resumed.out().contains("epoch 3/6 ") && resumed.out().contains("epoch 4/6"),
        resumed.out());
    assertEquals(6, lines("/runs/run2/metrics.jsonl"));
    assertEquals(6, json("/runs/run2/summary.json").path("epochs").asInt());
    assertTrue(fs.exists(new Path("/runs/run2/" + HadoopOutput.MARKER)));
    assertEquals(List.of("ckpt-000004", "ckpt-000005", "ckpt-000006"),
        names(own).stream().filter(n -> n.startsWith("ckpt-")).toList());
    assertFalse(names(own).contains("_LEASE"), names(own).toString());
    // HDFS renames atomically: Spark checkpointed the packed shards there, cutting their lineage.
    assertTrue(files(own + "/rdd").stream().anyMatch(f -> f.contains("/part-")),
        "no RDD checkpoint under " + own + "/rdd: " + files(own + "/rdd"));

    List<String> rdd = files(own + "/rdd");
    MainOutcome full = run(train("/runs/full", "--set", "epochs=6"));
    assertEquals(0, full.status(), full.err());
    assertEquals(rdd, files(own + "/rdd"), "a fit without checkpoints writes none");
    assertArrayEquals(theta("/runs/full/model"), theta("/runs/run2/model"));
    assertEquals(json("/runs/full/summary.json").path("final_loss").asDouble(),
        json("/runs/run2/summary.json").path("final_loss").asDouble(), 0.0);
  }

  @Test
  void trainsFromAnIdxPairOnHdfs() throws IOException {
    MainOutcome o = run(List.of("--set", "data.format=idx", "--set", "data.train=" + images,
        "--set", "data.test=" + testImages, "--set", "layers=16,16,4", "--set",
        "optimizer=adam", "--set", "stepSize=0.01", "--set", "partitions=2", "--set",
        "epochs=5", "--set", "batchSize=32", "--set", "schedule=constant", "--set",
        "warmupEpochs=0", "--set", "standardize=false", "--out", hdfs + "/runs/idx"));
    assertEquals(0, o.status(), o.err());
    assertTrue(fs.exists(new Path("/runs/idx/" + HadoopOutput.MARKER)));
    assertTrue(fs.exists(new Path("/runs/idx/model/" + HadoopOutput.MARKER)));
    JsonNode summary = json("/runs/idx/summary.json");
    assertEquals(240, summary.path("train_rows").asInt());
    assertEquals(80, summary.path("test_rows").asInt());
    assertTrue(summary.path("test_accuracy").asDouble() >= 0.9,
        "test accuracy of one bright quadrant in four: " + summary);

    // IDX rows have no key: predictions carry each image's index in the file.
    MainOutcome p = run(List.of("predict", hdfs + "/runs/idx/model", "--set", "data.format=idx",
        "--set", "data.test=" + testImages, "--out", hdfs + "/predictions/idx"));
    assertEquals(0, p.status(), p.err());
    Dataset<Row> rows = LocalSpark.session().read().parquet(hdfs + "/predictions/idx");
    List<Long> indices = rows.select("row").collectAsList().stream()
        .map(r -> r.getLong(0)).sorted().toList();
    assertEquals(LongStream.range(0, 80).boxed().toList(), indices);
    for (Row r : rows.select("row", "label").collectAsList()) {
      assertEquals(r.getLong(0) % CLASSES, (long) r.getDouble(1), r.toString());
    }
  }

  @Test
  void evaluatesAndPredictsWithAModelOnHdfs() throws IOException {
    assertEquals(0, firstRun().status(), firstRun().err());
    String model = hdfs + "/runs/run1/model";
    List<String> data = List.of("--set", "data.format=parquet", "--set", "data.train=" + parquet);

    List<String> evaluate = new ArrayList<>(List.of("evaluate", model, "--out",
        hdfs + "/eval/run1.json"));
    evaluate.addAll(data);
    MainOutcome e = run(evaluate);
    assertEquals(0, e.status(), e.err());
    JsonNode figures = json("/eval/run1.json");
    assertEquals(ROWS, figures.path("rows").asInt());
    assertEquals(parquet, figures.path("data").asText());
    double accuracy = figures.path("accuracy").asDouble();
    assertTrue(accuracy >= 0.9, figures.toString());

    List<String> predict = new ArrayList<>(List.of("predict", model, "--out",
        hdfs + "/predictions/run1"));
    predict.addAll(data);
    MainOutcome p = run(predict);
    assertEquals(0, p.status(), p.err());
    assertTrue(p.out().contains("wrote " + ROWS + " predictions to " + hdfs
        + "/predictions/run1"), p.out());
    assertTrue(fs.exists(new Path("/predictions/run1/_SUCCESS")));
    Dataset<Row> rows = LocalSpark.session().read().parquet(hdfs + "/predictions/run1");
    // The input's columns but the features, then the model's.
    assertEquals(Set.of("id", "label", "prediction", "outputs"), Set.of(rows.columns()));
    List<Row> all = rows.collectAsList();
    assertEquals(ROWS, all.size());
    Set<String> ids = all.stream().map(r -> r.<String>getAs("id")).collect(Collectors.toSet());
    Set<String> expected = new HashSet<>();
    for (int n = 0; n < ROWS; n++) {
      expected.add("key-" + n);
    }
    assertEquals(expected, ids);
    // Each key keeps its own row's label, and the predictions agree with evaluate's accuracy
    // (up to a row or two that a different batching rounds to the other class).
    long agree = 0;
    for (Row r : all) {
      int n = Integer.parseInt(r.<String>getAs("id").substring("key-".length()));
      double label = r.getAs("label");
      assertEquals(n % 2, (int) label, r.toString());
      agree += label == r.<Double>getAs("prediction") ? 1 : 0;
      assertEquals(2, r.getList(r.fieldIndex("outputs")).size());
    }
    assertEquals(accuracy, agree / (double) ROWS, 2.0 / ROWS);

    MainOutcome again = run(predict);
    assertEquals(2, again.status(), again.err());
    assertEquals("sparkprop: error: " + hdfs + "/predictions/run1 already exists; a prediction"
        + " output is never overwritten", again.err().strip());
    assertEquals(ROWS, LocalSpark.session().read().parquet(hdfs + "/predictions/run1").count());

    String missing = hdfs + "/sets/nowhere.parquet";
    List<String> noData = new ArrayList<>(predict);
    noData.set(3, hdfs + "/predictions/missing");
    noData.addAll(List.of("--set", "data.test=" + missing));
    MainOutcome refused = run(noData);
    assertEquals(2, refused.status(), refused.err());
    assertEquals("sparkprop: error: setting data.test: " + missing + " does not exist",
        refused.err().strip());
    assertFalse(fs.exists(new Path("/predictions/missing")), "a refused predict writes nothing");
  }

  @Test
  void pathsWithoutASchemeAreOnTheDefaultFileSystem() throws IOException {
    // As on a cluster whose fs.defaultFS is HDFS: every path of the job is a plain /path.
    Configuration hadoop = LocalSpark.context().hadoopConfiguration();
    String before = hadoop.get(CommonConfigurationKeysPublic.FS_DEFAULT_NAME_KEY);
    hadoop.set(CommonConfigurationKeysPublic.FS_DEFAULT_NAME_KEY, hdfs);
    try {
      List<String> data = List.of("--set", "data.format=parquet", "--set",
          "data.train=/sets/blobs.parquet");
      List<String> train = new ArrayList<>(List.of("--set", "layers=2,8,2", "--set",
          "optimizer=adam", "--set", "stepSize=0.02", "--set", "partitions=2", "--set",
          "epochs=2", "--set", "checkpointDir=/plain/ckpt", "--out", "/plain/run"));
      train.addAll(data);
      MainOutcome t = run(train);
      assertEquals(0, t.status(), t.err());
      assertTrue(t.out().contains("wrote " + hdfs + "/plain/run/summary.json"), t.out());
      assertTrue(fs.exists(new Path("/plain/run/" + HadoopOutput.MARKER)));
      assertTrue(fs.exists(new Path("/plain/run/model/" + HadoopOutput.MARKER)));
      assertEquals(2, files("/plain/ckpt").stream()
          .filter(f -> f.endsWith("/" + HadoopOutput.MARKER)).count(), files("/plain/ckpt").toString());

      List<String> evaluate = new ArrayList<>(List.of("evaluate", "/plain/run/model", "--out",
          "/plain/eval.json"));
      evaluate.addAll(data);
      MainOutcome e = run(evaluate);
      assertEquals(0, e.status(), e.err());
      assertEquals(ROWS, json("/plain/eval.json").path("rows").asInt());

      List<String> predict = new ArrayList<>(List.of("predict", "/plain/run/model", "--out",
          "/plain/predictions.csv"));
      predict.addAll(data);
      MainOutcome p = run(predict);
      assertEquals(0, p.status(), p.err());
      assertTrue(fs.exists(new Path("/plain/predictions.csv/_SUCCESS")));
      assertEquals(ROWS, LocalSpark.session().read().option("header", true)
          .csv(hdfs + "/plain/predictions.csv").count());
    } finally {
      if (before == null) {
        hadoop.unset(CommonConfigurationKeysPublic.FS_DEFAULT_NAME_KEY);
      } else {
        hadoop.set(CommonConfigurationKeysPublic.FS_DEFAULT_NAME_KEY, before);
      }
    }
    assertFalse(Files.exists(java.nio.file.Path.of("/plain")), "nothing on the local disk");
  }

  @Test
  void aLiveLeaseOnHdfsRefusesTheFitAndAnAbandonedOneIsTakenOver() throws IOException {
    List<String> args = train("/runs/leased", "--set", "epochs=1", "--set",
        "checkpointDir=" + hdfs + "/leased");
    String own = "/leased/run-" + CheckpointStore.fingerprint(
        Main.parse(args.toArray(String[]::new)).settings().values());
    Path lease = new Path(own + "/_LEASE");
    try (var out = fs.create(lease, false)) {
      out.write("{\"holder\":\"4242@elsewhere\",\"since\":\"then\",\"token\":\"theirs\"}"
          .getBytes(StandardCharsets.UTF_8));
    }
    fs.setTimes(lease, System.currentTimeMillis(), -1);

    MainOutcome refused = run(args);
    assertEquals(2, refused.status(), refused.err());
    assertTrue(refused.err().contains("checkpoint directory " + hdfs + own + " is in use by"
        + " another fit with the same settings"), refused.err());
    assertTrue(refused.err().contains("held by 4242@elsewhere since then"), refused.err());
    assertTrue(fs.exists(lease), "another fit's lease is left alone");
    assertFalse(fs.exists(new Path("/runs/leased")), "a refused run writes nothing");

    // Not renewed for a day: the fit that held it is gone.
    fs.setTimes(lease, System.currentTimeMillis() - 86_400_000L, -1);
    MainOutcome taken = run(args);
    assertEquals(0, taken.status(), taken.err());
    assertTrue(fs.exists(new Path(own + "/ckpt-000001/" + HadoopOutput.MARKER)));
    assertTrue(fs.exists(new Path("/runs/leased/" + HadoopOutput.MARKER)));
    assertFalse(fs.exists(lease), "the lease is released at the end of the fit");
  }

  @Test
  void aMissingHdfsInputFailsFastNamingTheSetting() throws IOException {
    String missing = hdfs + "/sets/nowhere.parquet";
    MainOutcome train = run(List.of("--set", "data.format=parquet", "--set", "data.train="
        + missing, "--out", hdfs + "/runs/missing"));
    assertEquals(2, train.status(), train.err());
    assertEquals("sparkprop: error: setting data.train: " + missing + " does not exist",
        train.err().strip());
    assertFalse(fs.exists(new Path("/runs/missing")), "a refused run writes nothing");

    MainOutcome test = run(List.of("--set", "data.format=parquet", "--set", "data.train=" + parquet,
        "--set", "data.test=" + missing, "--out", hdfs + "/runs/missing"));
    assertEquals(2, test.status(), test.err());
    assertEquals("sparkprop: error: setting data.test: " + missing + " does not exist",
        test.err().strip());

    // An IDX images file whose labels file is not beside it.
    FileUtil.copy(fs, new Path(images), fs, new Path("/sets/lonely/train-images-idx3-ubyte"),
        false, fs.getConf());
    String lonely = hdfs + "/sets/lonely/train-images-idx3-ubyte";
    MainOutcome idx = run(List.of("--set", "data.format=idx", "--set", "data.train=" + lonely,
        "--set", "layers=16,4", "--out", hdfs + "/runs/missing"));
    assertEquals(2, idx.status(), idx.err());
    assertEquals("sparkprop: error: setting data.train.labels: " + hdfs
        + "/sets/lonely/train-labels-idx1-ubyte does not exist", idx.err().strip());
    assertFalse(fs.exists(new Path("/runs/missing")), "a refused run writes nothing");

    MainOutcome noModel = run(List.of("evaluate", hdfs + "/runs/nowhere/model", "--set",
        "data.format=parquet", "--set", "data.train=" + parquet));
    assertEquals(2, noModel.status(), noModel.err());
    assertTrue(noModel.err().contains(hdfs + "/runs/nowhere/model is not a sparkprop model"),
        noModel.err());
  }
}
