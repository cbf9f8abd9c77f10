package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;

/** IDX read on the executors gives IdxReader's rows, by ranges or from one gzip stream. */
class IdxSourceTest {

  private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
  private static final int COUNT = 37;
  private static final int ROWS = 3;
  private static final int COLS = 4;

  @TempDir Path dir;



  /** Writes {@code COUNT} random images and labels as {@code name}-images/labels files. */
  private Path[] write(String name, boolean gzipImages, boolean gzipLabels) throws IOException {
    Random random = new Random(7);
    byte[] pixels = new byte[COUNT * ROWS * COLS];
    random.nextBytes(pixels);
    pixels[5] = (byte) 255;
    pixels[6] = 0;
    byte[] labels = new byte[COUNT];
    for (int i = 0; i < COUNT; i++) {
      labels[i] = (byte) random.nextInt(10);
    }
    byte[] images = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {COUNT, ROWS, COLS}, pixels);
    byte[] labelFile = IdxFiles.idx(IdxReader.LABELS_MAGIC, new int[] {COUNT}, labels);
    Path img = dir.resolve(name + "-images-idx3-ubyte" + (gzipImages ? ".gz" : ""));
    Path lab = dir.resolve(name + "-labels-idx1-ubyte" + (gzipImages ? ".gz" : ""));
    Files.write(img, gzipImages ? IdxFiles.gzip(images) : images);
    Files.write(lab, gzipLabels ? IdxFiles.gzip(labelFile) : labelFile);
    return new Path[] {img, lab};
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  private static void assertSameRows(RawData expected, Dataset<Row> rows) {
    RawData actual = ReadBack.raw(rows, expected.source());
    assertEquals(expected.rows(), actual.rows());
    assertEquals(expected.columns(), actual.columns());
    assertArrayEquals(expected.labels(), actual.labels());
    assertArrayEquals(expected.features(), actual.features());
    assertArrayEquals(LongStream.range(0, expected.rows()).toArray(), ReadBack.rowIndices(rows));
  }

  @Test
  void theImagesHeaderGivesTheImageShape() throws IOException {
    Path[] f = write("train", true, true);
    org.sparkprop.augment.ImageShape shape = DataSources.imageShape(
        Configs.data("data.format=idx", "data.train=" + f[0]),
        new org.apache.hadoop.conf.Configuration());
    assertEquals(new org.sparkprop.augment.ImageShape(ROWS, COLS, 1), shape);
    assertEquals(null, DataSources.imageShape(Configs.data("data.format=csv",
        "data.train=x.csv"), new org.apache.hadoop.conf.Configuration()));
  }

  @Test
  void uncompressedFilesAreReadByRangesInFileOrder() throws IOException {
    Path[] f = write("train", false, false);
    SparkSession spark = LocalSpark.session();
    // 444 bytes of images in partitions of about 50 bytes: 9 ranges of 4 or 5 images
    Dataset<Row> rows = IdxSource.read(spark, hadoop(f[0]), hadoop(f[1]), true, 50);
    assertEquals(9, rows.javaRDD().getNumPartitions());
    assertSameRows(IdxReader.read(f[0], f[1], true), rows);
    Dataset<Row> raw = IdxSource.read(spark, hadoop(f[0]), hadoop(f[1]), false, 50);
    assertSameRows(IdxReader.read(f[0], f[1], false), raw);
  }

  @Test
  void gzippedFilesAreReadByOneTaskThenSpreadInOrder() throws IOException {
    Path[] f = write("train", true, true);
    Dataset<Row> rows = DataSources.read(LocalSpark.session(),
        Configs.data("data.format=idx", "data.train=" + f[0]), f[0].toString(), "", 0);
    // at least spark.default.parallelism (2 in local[2]) partitions after the spread
    assertTrue(rows.javaRDD().getNumPartitions() >= 2, "partitions after the spread");
    assertSameRows(IdxReader.read(f[0], f[1], true), rows);
    long[] perPartition = rows.javaRDD().mapPartitions(it -> {
      long n = 0;
      for (; it.hasNext(); it.next()) {
        n++;
      }
      return java.util.List.of(n).iterator();
    }).collect().stream().mapToLong(Long::longValue).toArray();
    assertTrue(Arrays.stream(perPartition).allMatch(n -> n > 0),
        "every partition gets rows: " + Arrays.toString(perPartition));
  }

  /**
   * An images file read without a labels file (rows without labels): the same pixels, in the
   * same order, as with its labels, each label byte 0; no labels file is opened.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void imagesWithoutALabelsFileGiveTheSamePixels(boolean gzipped) throws IOException {
    Path[] f = write("extra", gzipped, gzipped);
    Files.delete(f[1]);
    SparkSession spark = LocalSpark.session();
    IdxItems items = DataSources.readIdxUnlabeled(spark.sparkContext(),
        Configs.data("data.format=idx", "data.train=" + f[0]), f[0].toString());
    java.util.List<byte[]> got = items.items().collect();
    assertEquals(COUNT, got.size());
    assertEquals(COUNT, Arrays.stream(items.partitionRows()).sum());
    RawData expected = IdxReader.read(f[0], writeLabels(gzipped), false);
    int pixels = ROWS * COLS;
    for (int n = 0; n < COUNT; n++) {
      byte[] item = got.get(n);
      assertEquals(n, IdxItems.index(item, pixels));
      assertEquals(0, IdxItems.label(item, pixels));
      for (int j = 0; j < pixels; j++) {
        assertEquals(expected.features()[n * pixels + j], item[j] & 0xff, "image " + n + " pixel " + j);
      }
    }
  }

  /** A labels file for the COUNT images, to read them back with IdxReader. */
  private Path writeLabels(boolean gzipped) throws IOException {
    byte[] labelFile = IdxFiles.idx(IdxReader.LABELS_MAGIC, new int[] {COUNT}, new byte[COUNT]);
    Path lab = dir.resolve("zero-labels-idx1-ubyte" + (gzipped ? ".gz" : ""));
    Files.write(lab, gzipped ? IdxFiles.gzip(labelFile) : labelFile);
    return lab;
  }

  @Test
  void gzippedImagesWithUncompressedLabels() throws IOException {
    Path[] f = write("mixed", true, false);
    Dataset<Row> rows = IdxSource.read(LocalSpark.session(), hadoop(f[0]), hadoop(f[1]), true);
    assertSameRows(IdxReader.read(f[0], f[1], true), rows);
  }

  @Test
  void badMagicNamesTheFileBeforeAnyJob() throws IOException {
    Path[] f = write("train", false, false);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> IdxSource.read(LocalSpark.session(), hadoop(f[1]), hadoop(f[1]), true));
    assertTrue(e.getMessage().contains(f[1].getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("magic number is 2049"), e.getMessage());
    assertTrue(e.getMessage().contains("expected 2051"), e.getMessage());
  }

  @Test
  void countsThatDisagreeNameBothFiles() throws IOException {
    Path[] f = write("train", false, false);
    Path fewer = dir.resolve("fewer-labels-idx1-ubyte");
    Files.write(fewer,
        IdxFiles.idx(IdxReader.LABELS_MAGIC, new int[] {COUNT - 1}, new byte[COUNT - 1]));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> IdxSource.read(LocalSpark.session(), hadoop(f[0]), hadoop(fewer), true));
    assertTrue(e.getMessage().contains("has " + COUNT + " images"), e.getMessage());
    assertTrue(e.getMessage().contains("fewer-labels-idx1-ubyte has " + (COUNT - 1) + " labels"),
        e.getMessage());
  }

  @Test
  void truncatedUncompressedFileFailsOnTheDriver() throws IOException {
    Path[] f = write("train", false, false);
    byte[] bytes = Files.readAllBytes(f[0]);
    Files.write(f[0], Arrays.copyOf(bytes, bytes.length - 5));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> IdxSource.read(LocalSpark.session(), hadoop(f[0]), hadoop(f[1]), true));
    assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
  }

  @Test
  void truncatedGzipFailsInTheTaskWithADataFormatException() throws IOException {
    Path[] f = write("train", true, true);
    byte[] whole = IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {COUNT, ROWS, COLS},
        new byte[(COUNT - 2) * ROWS * COLS]); // the header promises two images more
    Files.write(f[0], IdxFiles.gzip(whole));
    Dataset<Row> rows = IdxSource.read(LocalSpark.session(), hadoop(f[0]), hadoop(f[1]), true);
    Exception e = assertThrows(Exception.class, rows::count);
    DataFormatException cause = DataFormatException.in(e).orElseThrow(() -> new AssertionError(e));
    assertTrue(cause.getMessage().contains("is truncated"), cause.getMessage());
    assertTrue(cause.getMessage().contains(f[0].getFileName().toString()), cause.getMessage());
  }

  @Test
  void fashionMnistAsIdxReaderReadsIt() throws IOException {
    Path images = FASHION.resolve("t10k-images-idx3-ubyte.gz");
    Assumptions.assumeTrue(Files.exists(images), "Fashion-MNIST is not installed");
    Path labels = FASHION.resolve("t10k-labels-idx1-ubyte.gz");
    RawData expected = IdxReader.read(images, labels, true);
    SparkSession spark = LocalSpark.session();
    assertSameRows(expected, IdxSource.read(spark, hadoop(images), hadoop(labels), true));
    // the same files unpacked, read by ranges of about 1 MB
    Path rawImages = dir.resolve("t10k-images-idx3-ubyte");
    Path rawLabels = dir.resolve("t10k-labels-idx1-ubyte");
    gunzip(images, rawImages);
    gunzip(labels, rawLabels);
    Dataset<Row> ranges = IdxSource.read(spark, hadoop(rawImages), hadoop(rawLabels), true, 1 << 20);
    assertEquals(8, ranges.javaRDD().getNumPartitions()); // 7,840,000 bytes of images
    assertSameRows(expected, ranges);
    Path train = FASHION.resolve("train-images-idx3-ubyte.gz");
    Dataset<Row> all = DataSources.read(spark, Configs.data("data.format=idx",
        "data.train=" + train), train.toString(), "", 0);
    assertEquals(60_000, all.count());
  }

  private static void gunzip(Path from, Path to) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(from))) {
      Files.copy(in, to);
    }
  }
}
