package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.train.DataConfig;

/** Data on a real (in-process) HDFS is read by the executors like local files; checks see it. */
@Tag("hdfs")
class HdfsReadTest {

  @TempDir Path dir;

  @AfterAll
  static void stopHdfs() {
    MiniHdfs.stop();
  }

  private static org.apache.hadoop.fs.Path local(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  @Test
  void parquetAndIdxFromHdfs() throws IOException {
    SparkSession spark = LocalSpark.session();
    String hdfs = MiniHdfs.uri();
    FileSystem fs = MiniHdfs.fileSystem();

    String localParquet = ParquetSourceTest.write(spark, dir.resolve("set.parquet").toString());
    fs.copyFromLocalFile(local(Path.of(localParquet)), new org.apache.hadoop.fs.Path("/sets/p"));
    DataConfig parquet = Configs.data("data.format=parquet", "data.train=" + hdfs + "/sets/p");
    DataSources.checkInputs(parquet, spark.sparkContext().hadoopConfiguration());
    RawData expected = ParquetReader.read(spark, localParquet, "features", "label");
    RawData actual = ReadBack.raw(
        DataSources.read(spark, parquet, hdfs + "/sets/p", "", 0), expected.source());
    assertArrayEquals(expected.features(), actual.features());
    assertArrayEquals(expected.labels(), actual.labels());

    byte[] pixels = new byte[50 * 4];
    byte[] labels = new byte[50];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) (i % 10);
    }
    Path images = dir.resolve("t-images-idx3-ubyte");
    Files.write(images, IdxFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {50, 2, 2}, pixels));
    Path labelFile = dir.resolve("t-labels-idx1-ubyte");
    Files.write(labelFile, IdxFiles.idx(IdxReader.LABELS_MAGIC, new int[] {50}, labels));
    fs.copyFromLocalFile(local(images), new org.apache.hadoop.fs.Path("/sets/t-images-idx3-ubyte"));
    fs.copyFromLocalFile(local(labelFile),
        new org.apache.hadoop.fs.Path("/sets/t-labels-idx1-ubyte"));
    String remote = hdfs + "/sets/t-images-idx3-ubyte";
    DataConfig idx = Configs.data("data.format=idx", "data.train=" + remote);
    DataSources.checkInputs(idx, spark.sparkContext().hadoopConfiguration());
    Dataset<Row> rows = IdxSource.read(spark, new org.apache.hadoop.fs.Path(remote),
        DataSources.labelsFor(new org.apache.hadoop.fs.Path(remote)), true, 48);
    assertEquals(5, rows.javaRDD().getNumPartitions());
    RawData expectedIdx = IdxReader.read(images, labelFile, true);
    RawData actualIdx = ReadBack.raw(rows, remote);
    assertArrayEquals(expectedIdx.features(), actualIdx.features());
    assertArrayEquals(expectedIdx.labels(), actualIdx.labels());
  }

  @Test
  void missingInputsNameTheSettingOnAnyFileSystem() {
    org.apache.hadoop.conf.Configuration conf =
        LocalSpark.session().sparkContext().hadoopConfiguration();
    String missing = MiniHdfs.uri() + "/nowhere/test.parquet";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSources.checkInputs(Configs.data("data.format=parquet",
            "data.train=" + dir, "data.test=" + missing), conf));
    assertEquals("setting data.test: " + missing + " does not exist", e.getMessage());
    String images = MiniHdfs.uri() + "/nowhere/train-images-idx3-ubyte";
    e = assertThrows(IllegalArgumentException.class, () -> DataSources.checkInputs(
        Configs.data("data.format=idx", "data.train=" + images), conf));
    assertEquals("setting data.train: " + images + " does not exist", e.getMessage());
    Path localImages = dir.resolve("train-images-idx3-ubyte");
    e = assertThrows(IllegalArgumentException.class, () -> {
      Files.write(localImages, new byte[16]);
      DataSources.checkInputs(Configs.data("data.format=idx", "data.train=" + localImages), conf);
    });
    assertEquals("setting data.train.labels: " + dir.resolve("train-labels-idx1-ubyte")
        + " does not exist", e.getMessage());
    // evaluate and predict look at the one set they read: data.test, else data.train.
    e = assertThrows(IllegalArgumentException.class, () -> DataSources.checkTestInput(
        Configs.data("data.format=parquet", "data.train=" + dir, "data.test=" + missing), conf));
    assertEquals("setting data.test: " + missing + " does not exist", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DataSources.checkTestInput(
        Configs.data("data.format=parquet", "data.train=" + missing), conf));
    assertEquals("setting data.train: " + missing + " does not exist", e.getMessage());
    DataSources.checkTestInput(Configs.data("data.format=parquet", "data.train=" + missing,
        "data.test=" + dir), conf);
    e = assertThrows(IllegalArgumentException.class, () -> DataSources.checkTestInput(
        Configs.data("data.format=idx", "data.test=" + localImages), conf));
    assertEquals("setting data.test.labels: " + dir.resolve("train-labels-idx1-ubyte")
        + " does not exist", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DataSources.checkInputs(
        Configs.data("data.format=synthetic", "data.train=moons"), conf));
    assertEquals("setting data.train is 'moons'; with data.format=synthetic it must be one of "
        + "spirals, circles, xor, sine", e.getMessage());
  }
}
