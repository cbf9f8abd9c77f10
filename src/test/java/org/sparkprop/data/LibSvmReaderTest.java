package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.sparkprop.spark.LocalSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibSvmReaderTest {

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    // The JVM-wide test session: stopping a session of its own would stop the shared context.
    spark = LocalSpark.session();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static final String SAMPLE = """
      # a comment line
      1 1:0.5 3:-2
      0 2:1.5

      2 1:1 2:2 3:3 4:4
      """;

  @Test
  void readsDenseRowsWithGivenFeatureCount() throws IOException {
    Path file = write("a.libsvm", SAMPLE);
    RawData d = LibSvmReader.read(spark, file.toString(), 5);
    assertEquals(3, d.rows());
    assertEquals(5, d.columns());
    assertArrayEquals(new float[] {1, 0, 2}, d.labels());
    assertArrayEquals(
        new float[] {0.5f, 0, -2, 0, 0, 0, 1.5f, 0, 0, 0, 1, 2, 3, 4, 0}, d.features());
    assertEquals(file.toString(), d.source());
  }

  @Test
  void infersFeatureCountFromLargestIndex() throws IOException {
    RawData d = LibSvmReader.read(spark, write("b.libsvm", SAMPLE).toString(), 0);
    assertEquals(4, d.columns());
    assertEquals(3, d.rows());
    assertEquals(-2, d.feature(0, 2));
  }

  @Test
  void readsADirectoryInPathOrder() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("parts"));
    Files.writeString(sub.resolve("part-2"), "3 1:3\n4 1:4\n");
    Files.writeString(sub.resolve("part-1"), "1 1:1\n2 2:2\n");
    RawData d = LibSvmReader.read(spark, sub.toString(), 2);
    assertArrayEquals(new float[] {1, 2, 3, 4}, d.labels());
    assertArrayEquals(new float[] {1, 0, 0, 2, 3, 0, 4, 0}, d.features());
  }

  @Test
  void missingPathIsNamed() {
    String missing = dir.resolve("absent.libsvm").toString();
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> LibSvmReader.read(spark, missing, 4));
    assertTrue(e.getMessage().contains("not found") && e.getMessage().contains(missing),
        e.getMessage());
  }

  @Test
  void indexBeyondNumFeaturesGivesFileAndLine() throws IOException {
    Path file = write("c.libsvm", "1 1:1\n0 7:1\n");
    String m = assertThrows(DataFormatException.class,
        () -> LibSvmReader.read(spark, file.toString(), 4)).getMessage();
    assertTrue(m.contains("c.libsvm") && m.contains("line 2") && m.contains("7")
        && m.contains("numFeatures 4"), m);
  }

  @Test
  void malformedLinesGiveFileAndLine() throws IOException {
    Path file = write("d.libsvm", "1 1:1\n0 2:x\n");
    String m = assertThrows(DataFormatException.class,
        () -> LibSvmReader.read(spark, file.toString(), 4)).getMessage();
    assertTrue(m.contains("d.libsvm") && m.contains("line 2") && m.contains("\"x\""), m);

    Path descending = write("e.libsvm", "1 3:1 2:1\n");
    m = assertThrows(DataFormatException.class,
        () -> LibSvmReader.read(spark, descending.toString(), 4)).getMessage();
    assertTrue(m.contains("line 1") && m.contains("ascending"), m);

    Path zero = write("f.libsvm", "1 0:1\n");
    m = assertThrows(DataFormatException.class,
        () -> LibSvmReader.read(spark, zero.toString(), 4)).getMessage();
    assertTrue(m.contains("line 1") && m.contains("start at 1"), m);

    Path label = write("g.libsvm", "1 1:1\n\nyes 1:1\n");
    m = assertThrows(DataFormatException.class,
        () -> LibSvmReader.read(spark, label.toString(), 4)).getMessage();
    assertTrue(m.contains("line 3") && m.contains("label") && m.contains("\"yes\""), m);

    Path pair = write("h.libsvm", "1 1=1\n");
    m = assertThrows(DataFormatException.class,
        () -> LibSvmReader.read(spark, pair.toString(), 4)).getMessage();
    assertTrue(m.contains("\"1=1\"") && m.contains("index:value"), m);
  }

  @Test
  void fileWithoutSamplesIsRejected() throws IOException {
    Path file = write("empty.libsvm", "# nothing\n\n");
    String m = assertThrows(DataFormatException.class,
        () -> LibSvmReader.read(spark, file.toString(), 4)).getMessage();
    assertTrue(m.contains(file.toString()) && m.contains("no samples"), m);
  }
}
