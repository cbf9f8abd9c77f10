package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

  @TempDir Path dir;

  private Path csv(String content) throws IOException {
    return Files.writeString(dir.resolve("data.csv"), content);
  }

  private DataFormatException fails(String content, int labelColumn, boolean header)
      throws IOException {
    Path file = csv(content);
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> CsvReader.read(file, labelColumn, header));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    return e;
  }

  @Test
  void readsLabelFromAnyColumnAndSkipsBlankLines() throws IOException {
    Path file = csv("a,label,b\n1,0,2\n\n  \n 3.5 , 1 , -4e-1 \r\n5,2,6\n");
    RawData d = CsvReader.read(file, 1, true);
    assertEquals(3, d.rows());
    assertEquals(2, d.columns());
    assertArrayEquals(new float[] {1, 2, 3.5f, -0.4f, 5, 6}, d.features());
    assertArrayEquals(new float[] {0, 1, 2}, d.labels());
    assertEquals(file.toString(), d.source());
  }

  @Test
  void readsWithoutHeaderLabelLast() throws IOException {
    RawData d = CsvReader.read(csv("0.5,0.25,1\n-1,2,0"), 2, false);
    assertEquals(2, d.rows());
    assertArrayEquals(new float[] {0.5f, 0.25f, -1, 2}, d.features());
    assertArrayEquals(new float[] {1, 0}, d.labels());
  }

  @Test
  void wrongColumnCountGivesLineExpectedAndFound() throws IOException {
    String m = fails("1,2,3\n\n4,5\n", 0, false).getMessage();
    assertTrue(m.contains("line 3") && m.contains("expected 3") && m.contains("found 2"), m);
  }

  @Test
  void headerFixesColumnCount() throws IOException {
    String m = fails("x,y,label\n1,2,3,4\n", 2, true).getMessage();
    assertTrue(m.contains("line 2") && m.contains("expected 3") && m.contains("found 4"), m);
  }

  @Test
  void nonNumericValueIsQuotedWithLineAndColumn() throws IOException {
    String m = fails("1,2,3\n4,five,6\n", 0, false).getMessage();
    assertTrue(m.contains("line 2") && m.contains("column 2") && m.contains("\"five\""), m);
  }

  @Test
  void emptyFieldIsNotANumber() throws IOException {
    String m = fails("1,,3\n", 0, false).getMessage();
    assertTrue(m.contains("line 1") && m.contains("column 2") && m.contains("\"\""), m);
  }

  @Test
  void javaFloatSuffixIsNotANumber() throws IOException {
    String m = fails("1,2.5f,3\n", 0, false).getMessage();
    assertTrue(m.contains("\"2.5f\"") && m.contains("not a number"), m);
  }

  @Test
  void unreadHeaderLineIsNotANumber() throws IOException {
    String m = fails("x,y\n1,2\n", 0, false).getMessage();
    assertTrue(m.contains("line 1") && m.contains("column 1") && m.contains("\"x\""), m);
  }

  @Test
  void nanFeatureIsRejected() throws IOException {
    String m = fails("1,2\n0,NaN\n", 0, false).getMessage();
    assertTrue(m.contains("line 2") && m.contains("column 2") && m.contains("NaN")
        && m.contains("not finite"), m);
  }

  @Test
  void infiniteFeatureIsRejected() throws IOException {
    String m = fails("1,-Infinity\n", 0, false).getMessage();
    assertTrue(m.contains("line 1") && m.contains("-Infinity") && m.contains("not finite"), m);
  }

  @Test
  void overflowingFeatureIsRejected() throws IOException {
    String m = fails("1,1e39\n", 0, false).getMessage();
    assertTrue(m.contains("line 1") && m.contains("1e39") && m.contains("not finite"), m);
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    String m = fails("", 0, false).getMessage();
    assertTrue(m.contains("empty"), m);
    m = fails("\n \n", 0, false).getMessage();
    assertTrue(m.contains("empty"), m);
  }

  @Test
  void headerOnlyFileIsRejected() throws IOException {
    String m = fails("x,y,label\n\n", 2, true).getMessage();
    assertTrue(m.contains("empty") && m.contains("header"), m);
  }

  @Test
  void labelColumnOutOfRange() throws IOException {
    String m = fails("1,2\n", 2, false).getMessage();
    assertTrue(m.contains("label column 2") && m.contains("2 columns"), m);
  }

  @Test
  void singleColumnHasNoFeatures() throws IOException {
    String m = fails("1\n2\n", 0, false).getMessage();
    assertTrue(m.contains("line 1") && m.contains("at least one feature"), m);
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("absent.csv");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> CsvReader.read(missing, 0, false));
    assertTrue(e.getMessage().contains("not found") && e.getMessage().contains(missing.toString()),
        e.getMessage());
  }

  @Test
  void negativeLabelColumnIsRejected() throws IOException {
    Path file = csv("1,2\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvReader.read(file, -1, false));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }
}
