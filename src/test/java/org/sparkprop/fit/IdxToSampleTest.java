package org.sparkprop.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.data.DataSources;
import org.sparkprop.data.IdxFiles;
import org.sparkprop.data.IdxItems;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Linear;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.SquaredError;
import org.sparkprop.nn.Tanh;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.spark.ShardInput;
import org.sparkprop.spark.ShardRdd;
import org.sparkprop.spark.ShardRdds;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;
import org.sparkprop.train.DataConfig;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;

/**
 * The typed IDX path (items' bytes straight to samples) gives the samples of the row path (rows of
 * double vectors, then {@link RowToSample}) bit for bit, in the same partitions and order.
 */
class IdxToSampleTest {

  private static final int COUNT = 41;
  private static final int PIXELS = 12;

  @TempDir Path dir;



  /** Random images (every byte value among them) and labels 0..9; returns the images file. */
  private Path write(boolean gzipped) throws IOException {
    Random random = new Random(11);
    byte[] pixels = new byte[COUNT * PIXELS];
    random.nextBytes(pixels);
    for (int b = 0; b < 256; b++) {
      pixels[b] = (byte) b;
    }
    byte[] labels = new byte[COUNT];
    for (int i = 0; i < COUNT; i++) {
      labels[i] = (byte) random.nextInt(10);
    }
    String gz = gzipped ? ".gz" : "";
    Path img = dir.resolve("set-images-idx3-ubyte" + gz);
    Path lab = dir.resolve("set-labels-idx1-ubyte" + gz);
    byte[] images = IdxFiles.idx(0x803, new int[] {COUNT, 3, 4}, pixels);
    byte[] labelFile = IdxFiles.idx(0x801, new int[] {COUNT}, labels);
    Files.write(img, gzipped ? IdxFiles.gzip(images) : images);
    Files.write(lab, gzipped ? IdxFiles.gzip(labelFile) : labelFile);
    return img;
  }

  private static DataConfig data(boolean scale) {
    Settings s = Settings.defaults().withOverride("data.format=idx", "test")
        .withOverride("data.scale=" + scale, "test");
    return JobConfig.from(s).data();
  }

  private static void assertSameSamples(JavaRDD<SampleRow> expected, JavaRDD<SampleRow> actual) {
    List<List<SampleRow>> e = expected.glom().collect();
    List<List<SampleRow>> a = actual.glom().collect();
    assertEquals(e.size(), a.size(), "partitions");
    assertTrue(e.size() >= 2, "at least spark.default.parallelism partitions: " + e.size());
    int rows = 0;
    for (int p = 0; p < e.size(); p++) {
      assertEquals(e.get(p).size(), a.get(p).size(), "rows of partition " + p);
      for (int i = 0; i < e.get(p).size(); i++) {
        SampleRow x = e.get(p).get(i);
        SampleRow y = a.get(p).get(i);
        // assertArrayEquals on floats compares bits (floatToIntBits), not within a tolerance
        assertArrayEquals(x.x(), y.x(), "inputs of row " + i + " of partition " + p);
        assertArrayEquals(x.t(), y.t(), "targets of row " + i + " of partition " + p);
        assertEquals(x.w(), y.w());
        rows++;
      }
    }
    assertEquals(COUNT, rows);
  }

  private void check(boolean gzipped, boolean scale, NetworkSpec network) throws IOException {
    String img = write(gzipped).toString();
    SparkSession spark = LocalSpark.session();
    DataConfig data = data(scale);
    JavaRDD<SampleRow> viaRows =
        JobData.rows(DataSources.read(spark, data, img, "", 0), img, network);
    JavaRDD<SampleRow> typed = JobData.rows(DataSources.readIdx(spark, data, img, ""), img,
        network);
    assertSameSamples(viaRows, typed);
    // the job's own entry point takes the typed path for idx
    assertSameSamples(viaRows, JobData.rows(spark, data, img, "", network, 0, List.of()));
  }

  private static NetworkSpec classifier(int inputs) {
    return new NetworkSpec(new int[] {inputs, 5, 10}, new Tanh(), new Softmax(),
        new CrossEntropy());
  }

  @Test
  void gzippedScaledClassesAreTheSameSamplesAsThroughRows() throws IOException {
    check(true, true, classifier(PIXELS));
  }

  @Test
  void uncompressedUnscaledClassesAreTheSameSamplesAsThroughRows() throws IOException {
    check(false, false, classifier(PIXELS));
  }

  @Test
  void regressionTargetsAreTheSameAsThroughRows() throws IOException {
    check(true, true, new NetworkSpec(new int[] {PIXELS, 3, 1}, new Tanh(), new Linear(),
        new SquaredError()));
  }

  /**
   * The shards packed from the items with the counts of the header (no counting pass) are those
   * packed from the row path's rows after counting them, bit for bit, with and without the seeded
   * spread, in bounded blocks too.
   */
  private void checkShards(boolean gzipped, long maxFloats) throws IOException {
    checkShards(gzipped, maxFloats, 2);
  }

  /**
   * As above on {@code partitions} partitions; a gzipped file over at most {@link
   * ShardRdds#wholeReadMaxPartitions} partitions is packed with no shuffle (each task reads the
   * whole file and keeps its own rows), any other input through the shuffle.
   */
  private void checkShards(boolean gzipped, long maxFloats, int partitions) throws IOException {
    String img = write(gzipped).toString();
    SparkSession spark = LocalSpark.session();
    DataConfig data = data(true);
    NetworkSpec network = classifier(PIXELS);
    JavaRDD<SampleRow> viaRows =
        JobData.rows(DataSources.read(spark, data, img, "", 0), img, network);
    IdxItems items = DataSources.readIdx(spark, data, img, "");
    long[] counts = items.partitionRows();
    assertEquals(COUNT, java.util.Arrays.stream(counts).sum());
    assertEquals(items.items().getNumPartitions(), counts.length);
    ShardInput<byte[]> input = JobData.input(items, img, network);
    for (Long seed : new Long[] {null, 7L}) {
      try (ShardRdd expected = ShardRdds.fromRows(viaRows, partitions, PIXELS, 10, seed,
              maxFloats);
          ShardRdd actual = ShardRdds.fromInput(input, partitions, seed, maxFloats)) {
        assertTrue(ShardRdds.shuffled(expected), "rows reach their shards by a shuffle");
        assertEquals(!gzipped || partitions > ShardRdds.wholeReadMaxPartitions(),
            ShardRdds.shuffled(actual), "a shuffle for gzipped " + gzipped + ", " + partitions
                + " partitions");
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.shards(), actual.shards());
        List<Shard> e = expected.rdd().collect();
        List<Shard> a = actual.rdd().collect();
        assertEquals(e.size(), a.size(), "blocks");
        for (int i = 0; i < e.size(); i++) {
          Samples x = e.get(i).samples();
          Samples y = a.get(i).samples();
          assertEquals(e.get(i).index(), a.get(i).index());
          assertEquals(x.rows(), y.rows(), "rows of block " + i);
          assertArrayEquals(x.x(), y.x(), "inputs of block " + i);
          assertArrayEquals(x.t(), y.t(), "targets of block " + i);
          assertArrayEquals(x.w(), y.w(), "weights of block " + i);
        }
      }
    }
  }

  @Test
  void gzippedShardsWithoutTheCountingPassAreTheSame() throws IOException {
    checkShards(true, Long.MAX_VALUE);
  }

  @Test
  void gzippedShardsInBoundedBlocksReadWholeByEachTaskAreTheSame() throws IOException {
    checkShards(true, 5L * PIXELS);
  }

  @Test
  void gzippedShardsOverMorePartitionsThanWholeReadsAreTheSame() throws IOException {
    checkShards(true, Long.MAX_VALUE, ShardRdds.wholeReadMaxPartitions() + 1);
  }

  @Test
  void gzippedFileShorterThanItsHeaderFailsWhereEachTaskReadsIt() throws IOException {
    write(true);
    Path img = dir.resolve("set-images-idx3-ubyte.gz");
    // the header promises two images more than the file holds
    Files.write(img, IdxFiles.gzip(IdxFiles.idx(0x803, new int[] {COUNT, 3, 4},
        new byte[(COUNT - 2) * PIXELS])));
    IdxItems items = DataSources.readIdx(LocalSpark.session(), data(true), img.toString(), "");
    ShardInput<byte[]> input = JobData.input(items, img.toString(), classifier(PIXELS));
    Exception e = assertThrows(Exception.class,
        () -> ShardRdds.fromInput(input, 2, 7L, Long.MAX_VALUE).close());
    org.sparkprop.data.DataFormatException cause = org.sparkprop.data.DataFormatException.in(e)
        .orElseThrow(() -> new AssertionError(e));
    assertTrue(cause.getMessage().contains("is truncated"), cause.getMessage());
    assertTrue(cause.getMessage().contains(img.getFileName().toString()), cause.getMessage());
  }

  @Test
  void uncompressedShardsInBoundedBlocksWithoutTheCountingPassAreTheSame() throws IOException {
    checkShards(false, 5L * PIXELS);
  }

  @Test
  void countsThatDisagreeWithThePartitionsAreRefused() throws IOException {
    String img = write(false).toString();
    IdxItems items = DataSources.readIdx(LocalSpark.session(), data(true), img, "");
    IdxToSample writer = new IdxToSample("features", "label", PIXELS, true, PIXELS, 10, true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ShardInput<>(items.items(), writer, new long[] {COUNT}));
    assertTrue(e.getMessage().contains("1 counts for " + items.items().getNumPartitions()),
        e.getMessage());
  }

  @Test
  void wrongInputCountFailsNamingTheColumnAndTheSizes() throws IOException {
    String img = write(true).toString();
    SparkSession spark = LocalSpark.session();
    IdxItems items = DataSources.readIdx(spark, data(true), img, "");
    assertEquals(PIXELS, items.pixels());
    // checked once, on the driver, before any item is read
    BadRowException e = assertThrows(BadRowException.class,
        () -> JobData.rows(items, img, classifier(PIXELS + 1)));
    assertTrue(e.getMessage().contains("has a row of 12 values but layers[0] is 13"),
        e.getMessage());
    assertThrows(BadRowException.class, () -> JobData.input(items, img, classifier(PIXELS + 1)));
  }
}
