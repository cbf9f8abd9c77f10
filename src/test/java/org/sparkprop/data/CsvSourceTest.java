package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;

/** CSV read through Spark's csv source gives CsvReader's numbers; keys and text labels extra. */
class CsvSourceTest {

  @TempDir Path dir;

  private ReadData read(Path file, String... settings) {
    String[] all = new String[settings.length + 1];
    all[0] = "data.format=csv";
    System.arraycopy(settings, 0, all, 1, settings.length);
    return DataSources.readWithLabels(LocalSpark.session(), Configs.data(all), file.toString(),
        "", 0);
  }

  @Test
  void numericFileGivesCsvReadersRows() throws IOException {
    Random random = new Random(3);
    StringBuilder text = new StringBuilder("a,b,label,c\n");
    for (int n = 0; n < 200; n++) {
      text.append(random.nextFloat() * 10 - 5).append(", ").append(random.nextInt(100))
          .append(',').append(random.nextInt(3)).append(',')
          .append((float) random.nextGaussian() * 1e-3f).append('\n');
      if (n == 50) {
        text.append('\n'); // blank lines are skipped by both
      }
    }
    Path file = dir.resolve("numbers.csv");
    Files.writeString(file, text);
    ReadData read = read(file, "data.header=true", "data.labelColumn=2");
    RawData expected = CsvReader.read(file, 2, true);
    RawData actual = ReadBack.raw(read.rows(), expected.source());
    assertEquals(3, actual.columns());
    assertArrayEquals(expected.labels(), actual.labels());
    assertArrayEquals(expected.features(), actual.features());
    assertEquals(List.of(), read.labelNames());
    assertEquals(List.of(DataSources.FEATURES, DataSources.LABEL),
        List.of(read.rows().columns()));
  }

  @Test
  void textColumnsPassThroughAndTextLabelsAreIndexed() throws IOException {
    Path file = dir.resolve("keyed.csv");
    Files.writeString(file, "id,x1,species,x2\n"
        + "k1,1.5,setosa,2\nk2,2.5,virginica,3\nk3,3.5,versicolor,4\n"
        + "k4,4.5,virginica,5\nk5,5.5,setosa,6\nk6,6.5,virginica,7\n");
    ReadData read = read(file, "data.header=true", "data.labelColumn=2");
    // most frequent first, ties alphabetical: virginica 3, setosa 2, versicolor 1
    assertEquals(List.of("virginica", "setosa", "versicolor"), read.labelNames());
    assertEquals(List.of(DataSources.FEATURES, DataSources.LABEL, "id"),
        List.of(read.rows().columns()));
    List<Row> rows = read.rows().collectAsList();
    assertEquals("k3", rows.get(2).getString(2));
    assertArrayEquals(new double[] {3.5, 4}, ((Vector) rows.get(2).get(0)).toArray());
    double[] labels = rows.stream().mapToDouble(r -> r.getDouble(1)).toArray();
    assertArrayEquals(new double[] {1, 0, 2, 0, 1, 0}, labels);
  }

  @Test
  void severalLabelColumnsGiveAnArrayLabel() throws IOException {
    Path file = dir.resolve("multi.csv");
    Files.writeString(file, "1,2,3,0.5,-1\n4,5,6,1.5,-2\n");
    ReadData read = read(file, "data.labelColumn=3,4");
    assertEquals(DataTypes.createArrayType(DataTypes.DoubleType, false),
        read.rows().schema().apply(DataSources.LABEL).dataType());
    List<Row> rows = read.rows().collectAsList();
    assertArrayEquals(new double[] {4, 5, 6}, ((Vector) rows.get(1).get(0)).toArray());
    assertEquals(List.of(1.5, -2.0), rows.get(1).getList(1));
  }

  @Test
  void aTypoInANumericColumnNamesTheColumnAndValue() throws IOException {
    Path file = dir.resolve("typo.csv");
    Files.writeString(file, "0,1.0,2.0\n1,1.5,2.5\n0,1.O,3.0\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(file));
    assertTrue(e.getMessage().contains("typo.csv, column 2 (_c1)"), e.getMessage());
    assertTrue(e.getMessage().contains("\"1.O\""), e.getMessage());
  }

  @Test
  void nonFiniteAndEmptyValuesFailInTheTasksNamingFileAndColumn() throws IOException {
    Path nan = dir.resolve("nan.csv");
    Files.writeString(nan, "0,1.0,2.0\n1,NaN,2.5\n");
    String message = taskFailure(() -> read(nan).rows().collectAsList());
    assertTrue(message.contains("nan.csv, column 2 (_c1)"), message);
    assertTrue(message.contains("not finite"), message);
    Path empty = dir.resolve("empty-field.csv");
    Files.writeString(empty, "0,1.0,2.0\n1,,2.5\n");
    message = taskFailure(() -> read(empty).rows().collectAsList());
    assertTrue(message.contains("empty-field.csv, column 2 (_c1)"), message);
  }

  /** The message of the DataFormatException a Spark task failed with. */
  static String taskFailure(org.junit.jupiter.api.function.Executable action) {
    Exception e = assertThrows(Exception.class, action);
    return DataFormatException.in(e).orElseThrow(() -> new AssertionError(e)).getMessage();
  }

  @Test
  void labelColumnOutOfRange() throws IOException {
    Path file = dir.resolve("small.csv");
    Files.writeString(file, "0,1,2\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read(file, "data.labelColumn=3"));
    assertTrue(e.getMessage().contains("label column 3 (0-based) is out of range, the file has 3"),
        e.getMessage());
  }
}
