package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.train.DataConfig;

/** Synthetic sets generated on the executors are Synthetic.byName's rows, in order. */
class SyntheticSourceTest {

  @Test
  void everySetGivesTheDriverSidesRows() {
    for (String name : Synthetic.NAMES) {
      Dataset<Row> rows = DataSources.read(LocalSpark.session(), Configs.data(
          "data.samples=301", "data.noise=0.2"), name, "", 42);
      assertEquals(2, rows.javaRDD().getNumPartitions(), name);
      RawData expected = Synthetic.byName(name, 301, 0.2, 42);
      RawData actual = ReadBack.raw(rows, expected.source());
      assertEquals(expected.columns(), actual.columns(), name);
      assertArrayEquals(expected.features(), actual.features(), name);
      assertArrayEquals(expected.labels(), actual.labels(), name);
      assertArrayEquals(LongStream.range(0, 301).toArray(), ReadBack.rowIndices(rows), name);
    }
  }

  @Test
  void withoutSqlSessionTheSameRowsInTheSamePartitions() {
    for (String name : Synthetic.NAMES) {
      DataConfig data = Configs.data("data.samples=301", "data.noise=0.2");
      List<List<Row>> viaFrame = DataSources.read(LocalSpark.session(), data, name, "", 42)
          .select(DataSources.FEATURES, DataSources.LABEL).javaRDD().glom().collect();
      List<List<Row>> direct = DataSources.readSynthetic(
          LocalSpark.session().sparkContext(), data, name, 42).glom().collect();
      assertEquals(viaFrame.size(), direct.size(), name);
      for (int p = 0; p < direct.size(); p++) {
        assertEquals(viaFrame.get(p).size(), direct.get(p).size(), name + " partition " + p);
        for (int r = 0; r < direct.get(p).size(); r++) {
          Row a = viaFrame.get(p).get(r);
          Row b = direct.get(p).get(r);
          assertEquals(2, b.size(), name);
          assertArrayEquals(((Vector) a.get(0)).toArray(), ((Vector) b.get(0)).toArray(), name);
          assertEquals(a.getDouble(1), b.getDouble(1), name);
        }
      }
    }
  }

  @Test
  void unknownSetIsRejectedOnTheDriver() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSources.read(LocalSpark.session(), Configs.data(), "moons", "", 1));
    assertTrue(e.getMessage().contains("'moons'"), e.getMessage());
    assertTrue(e.getMessage().contains("spirals, circles, xor, sine"), e.getMessage());
  }
}
