package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.augment.TextAugmentation;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.train.TextConfig;

/** Records of text: the fortunes layout's separators and file names, csv columns, class index. */
class TextSourceTest {

  private static TextConfig layout(String layout) {
    return new TextConfig(layout, "body", "hashing", 16, true, 0, "none",
        TextAugmentation.NONE);
  }

  private static List<String> rows(ReadData read) {
    List<String> out = new ArrayList<>();
    for (Row r : read.rows().collectAsList()) {
      out.add(r.getDouble(1) + ":" + r.getString(0));
    }
    out.sort(String::compareTo);
    return out;
  }

  @Test
  void aDirectoryOfFilesSplitAtPercentLines(@TempDir Path dir) throws Exception {
    SparkSession spark = LocalSpark.session();
    Path data = dir.resolve("fortunes");
    Files.createDirectories(data);
    // A leading separator, a record of two lines, a % inside a line, no final newline.
    Files.writeString(data.resolve("b"), "%\nfirst of b\n%\ntwo\nlines\n%\n100% sure");
    Files.writeString(data.resolve("a"), "only a\n%\n");
    Files.writeString(data.resolve("c"), "c one\n%\nc two\n%\n   \n%\nc three\n%\n");
    ReadData read = TextSource.read(spark, layout("files"), "label", data.toString(),
        List.of());
    // Most records first: c (3), then b (3), alphabetical, then a (1).
    assertEquals(List.of("b", "c", "a"), read.labelNames());
    assertEquals(List.of("0.0:100% sure", "0.0:first of b", "0.0:two\nlines", "1.0:c one",
        "1.0:c three", "1.0:c two", "2.0:only a"), rows(read));
    // Another set is indexed with the training set's names; an unknown class is named.
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("a"), "again a\n%\n");
    assertEquals(List.of("2.0:again a"), rows(TextSource.read(spark, layout("files"), "label",
        other.toString(), read.labelNames())));
    Files.writeString(other.resolve("z"), "zed\n%\n");
    Exception e = assertThrows(Exception.class, () -> TextSource.read(spark, layout("files"),
        "label", other.toString(), read.labelNames()).rows().collectAsList());
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof DataFormatException)) {
      t = t.getCause();
    }
    assertTrue(t.getMessage().contains("class 'z'"), t.getMessage());
  }

  @Test
  void aCsvWithATextAndALabelColumn(@TempDir Path dir) throws Exception {
    SparkSession spark = LocalSpark.session();
    Path csv = dir.resolve("t.csv");
    Files.writeString(csv, "id,body,kind\n1,\"hello, world\",greet\n2,\"bye\nnow\",part\n"
        + "3,hi,greet\n");
    ReadData read = TextSource.read(spark, layout("csv"), "kind", csv.toString(), List.of());
    assertEquals(List.of("greet", "part"), read.labelNames());
    assertEquals(List.of("0.0:hello, world", "0.0:hi", "1.0:bye\nnow"), rows(read));
    DataFormatException e = assertThrows(DataFormatException.class, () -> TextSource.read(spark,
        layout("csv"), "label", csv.toString(), List.of()));
    assertTrue(e.getMessage().contains("no column 'label'"), e.getMessage());
  }
}
