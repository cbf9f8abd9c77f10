package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;

/** LibSVM read through Spark's libsvm source gives LibSvmReader's rows, numbered in file order. */
class LibSvmSourceTest {

  @TempDir Path dir;

  private Path write() throws IOException {
    Random random = new Random(5);
    StringBuilder text = new StringBuilder("# a comment\n");
    for (int n = 0; n < 150; n++) {
      text.append(random.nextInt(4));
      for (int j = 1; j <= 9; j++) {
        if (random.nextInt(3) == 0) {
          text.append(' ').append(j).append(':').append(random.nextFloat() * 4 - 2);
        }
      }
      text.append(n % 40 == 0 ? "\n\n" : "\n");
    }
    Path file = dir.resolve("set.libsvm");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void givenAndInferredWidthsGiveLibSvmReadersRows() throws IOException {
    Path file = write();
    for (int numFeatures : new int[] {12, 0}) {
      Dataset<Row> rows = DataSources.read(LocalSpark.session(), Configs.data(
          "data.format=libsvm", "data.numFeatures=" + numFeatures), file.toString(), "", 0);
      RawData expected = LibSvmReader.read(LocalSpark.session(), file.toString(), numFeatures);
      RawData actual = ReadBack.raw(rows, expected.source());
      assertEquals(numFeatures == 0 ? 9 : 12, actual.columns());
      assertArrayEquals(expected.features(), actual.features());
      assertArrayEquals(expected.labels(), actual.labels());
      assertArrayEquals(LongStream.range(0, 150).toArray(), ReadBack.rowIndices(rows));
    }
  }

  @Test
  void nonFiniteValuesFailNamingTheFileAndSample() throws IOException {
    Path file = dir.resolve("nan.libsvm");
    Files.writeString(file, "1 1:0.5 2:1\n0 1:NaN\n");
    String message = CsvSourceTest.taskFailure(() -> DataSources.read(LocalSpark.session(),
        Configs.data("data.format=libsvm", "data.numFeatures=2"), file.toString(), "", 0)
        .collectAsList());
    assertTrue(message.contains("nan.libsvm sample 2: value of feature 1"), message);
  }
}
