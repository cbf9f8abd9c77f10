package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;

/** Parquet read on the executors gives ParquetReader's rows, keeps the other columns. */
class ParquetSourceTest {

  @TempDir Path dir;

  /** 120 rows: id, features (vector), pixels (array<float>), label, species, y2. */
  static String write(SparkSession spark, String path) {
    Random random = new Random(11);
    String[] species = {"setosa", "versicolor", "virginica"};
    List<Row> rows = new ArrayList<>();
    for (int n = 0; n < 120; n++) {
      double[] x = {random.nextGaussian(), random.nextDouble(), n};
      float[] p = {random.nextFloat(), -random.nextFloat()};
      rows.add(RowFactory.create("id" + n, Vectors.dense(x),
          List.of(p[0], p[1]), (double) random.nextInt(3), species[(n * n) % 3],
          random.nextGaussian()));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("pixels",
            DataTypes.createArrayType(DataTypes.FloatType, false), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false),
        DataTypes.createStructField("species", DataTypes.StringType, false),
        DataTypes.createStructField("y2", DataTypes.DoubleType, false)));
    spark.createDataFrame(rows, schema).repartition(1).write().parquet(path);
    return path;
  }

  private static ReadData read(String path, String... settings) {
    String[] all = new String[settings.length + 1];
    all[0] = "data.format=parquet";
    System.arraycopy(settings, 0, all, 1, settings.length);
    return DataSources.readWithLabels(LocalSpark.session(), Configs.data(all), path, "", 0);
  }

  @Test
  void vectorAndArrayFeaturesGiveParquetReadersRows() {
    SparkSession spark = LocalSpark.session();
    String path = write(spark, dir.resolve("set.parquet").toString());
    ReadData read = read(path);
    RawData expected = ParquetReader.read(spark, path, "features", "label");
    RawData actual = ReadBack.raw(read.rows(), path);
    assertArrayEquals(expected.features(), actual.features());
    assertArrayEquals(expected.labels(), actual.labels());
    assertEquals(List.of("features", "label", "id", "pixels", "species", "y2"),
        List.of(read.rows().columns()));
    assertEquals("id7", read.rows().collectAsList().get(7).getString(2));

    ReadData arrays = read(path, "data.featuresCol=pixels");
    RawData expectedArrays = ParquetReader.read(spark, path, "pixels", "label");
    assertArrayEquals(expectedArrays.features(), ReadBack.raw(arrays.rows(), path).features());
    assertEquals(List.of("features", "label", "id", "species", "y2"),
        List.of(arrays.rows().columns()));
  }

  @Test
  void textLabelsAreIndexedAndSeveralLabelsMakeAnArray() {
    String path = write(LocalSpark.session(), dir.resolve("labels.parquet").toString());
    ReadData species = read(path, "data.labelCol=species");
    // n² mod 3 is 0 for a third of the rows and 1 for two thirds: versicolor, then setosa
    assertEquals(List.of("versicolor", "setosa"), species.labelNames());
    List<Row> rows = species.rows().collectAsList();
    assertEquals(1.0, rows.get(0).getDouble(1));
    assertEquals(0.0, rows.get(1).getDouble(1));

    ReadData two = read(path, "data.labelCol=label,y2");
    Row first = two.rows().collectAsList().get(0);
    List<Row> source = LocalSpark.session().read().parquet(path).collectAsList();
    assertEquals(List.of(source.get(0).getDouble(3), source.get(0).getDouble(5)),
        first.getList(1));
    assertArrayEquals(((Vector) source.get(0).get(1)).toArray(), ((Vector) first.get(0)).toArray());
  }

  @Test
  void missingOrUnusableColumnsAreNamed() {
    String path = write(LocalSpark.session(), dir.resolve("bad.parquet").toString());
    DataFormatException missing = assertThrows(DataFormatException.class,
        () -> read(path, "data.featuresCol=x"));
    assertTrue(missing.getMessage().contains("has no column x"), missing.getMessage());
    DataFormatException text = assertThrows(DataFormatException.class,
        () -> read(path, "data.labelCol=label,species"));
    assertTrue(text.getMessage().contains("Column species"), text.getMessage());
  }
}
