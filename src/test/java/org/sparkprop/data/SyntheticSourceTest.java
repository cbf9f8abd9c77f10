package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.sparkprop.spark.LocalSpark;

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
  void unknownSetIsRejectedOnTheDriver() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSources.read(LocalSpark.session(), Configs.data(), "moons", "", 1));
    assertTrue(e.getMessage().contains("'moons'"), e.getMessage());
    assertTrue(e.getMessage().contains("spirals, circles, xor, sine"), e.getMessage());
  }
}
