package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** data.labelColumn and data.labelCol take one column or a comma list of distinct ones. */
class LabelSettingsTest {

  private static DataConfig data(String... assignments) {
    Settings s = Settings.defaults();
    for (String a : assignments) {
      s = s.withOverride(a, "test");
    }
    return JobConfig.from(s).data();
  }

  private static String error(String... assignments) {
    return assertThrows(IllegalArgumentException.class, () -> data(assignments)).getMessage();
  }

  @Test
  void oneLabelWorksAsBefore() {
    DataConfig d = data("data.format=csv", "data.labelColumn=3");
    assertEquals(3, d.labelColumn());
    assertEquals("label", d.labelCol());
    assertEquals(1, d.targets());
  }

  @Test
  void commaListsNameSeveralLabels() {
    DataConfig csv = data("data.format=csv", "data.labelColumn=4, 5");
    assertEquals(List.of(4, 5), csv.labelColumns());
    assertEquals(2, csv.targets());
    assertThrows(IllegalStateException.class, csv::labelColumn);
    DataConfig parquet = data("data.format=parquet", "data.labelCol=a,b");
    assertEquals(List.of("a", "b"), parquet.labelCols());
    assertEquals(2, parquet.targets());
  }

  @Test
  void badListsNameTheSetting() {
    assertTrue(error("data.labelColumn=4,x").startsWith("setting data.labelColumn is '4,x'"));
    assertTrue(error("data.labelColumn=4,4").startsWith("setting data.labelColumn is '4,4'; it"
        + " must be a 0-based column index >= 0, or a comma list of distinct ones"));
    assertTrue(error("data.labelCol=a,,b").startsWith("setting data.labelCol is 'a,,b'"));
    assertTrue(error("data.labelCol=features").contains("columns other than data.featuresCol"));
  }
}
