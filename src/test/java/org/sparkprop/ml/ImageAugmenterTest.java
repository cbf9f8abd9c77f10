package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.sparkprop.augment.Augmentation;
import org.sparkprop.spark.LocalSpark;

/** The offline augmenter: copies, kept columns, seeded draws, partitions, persistence. */
class ImageAugmenterTest {

  private static Dataset<Row> images(int rows) {
    SparkSession spark = LocalSpark.session();
    List<Row> list = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      double[] x = new double[16];
      for (int j = 0; j < 16; j++) {
        x[j] = ((i * 7 + j * 3) % 11) / 10.0;
      }
      list.add(RowFactory.create(i, (double) (i % 3), Vectors.dense(x)));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType)
        .add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
    return spark.createDataFrame(list, schema);
  }

  private static ImageAugmenter shifts() {
    return new ImageAugmenter().setImageShape("4x4x1").setShift(1).setRotate(30)
        .setCopies(2).setSeed(5);
  }

  private static float[] floats(Vector v) {
    double[] d = v.toArray();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  @Test
  void eachRowIsFollowedByItsCopiesWithItsOtherColumns() {
    Dataset<Row> in = images(6);
    List<Row> out = shifts().transform(in.coalesce(1)).collectAsList();
    assertEquals(18, out.size());
    List<Row> original = in.collectAsList();
    Augmentation a = shifts().augmentation();
    for (int i = 0; i < 6; i++) {
      Row row = original.get(i);
      float[] x = floats((Vector) row.get(2));
      assertEquals(row, out.get(3 * i));
      for (int k = 1; k <= 2; k++) {
        Row copy = out.get(3 * i + k);
        assertEquals(row.get(0), copy.get(0));
        assertEquals(row.get(1), copy.get(1));
        float[] expected = x.clone();
        a.apply(expected, 0, 16, 5, k, Arrays.hashCode(x), new float[16]);
        assertArrayEquals(expected, floats((Vector) copy.get(2)));
      }
      assertFalse(out.get(3 * i + 1).get(2).equals(out.get(3 * i + 2).get(2)));
    }
  }

  @Test
  void theCopiesDoNotDependOnThePartitioning() {
    Dataset<Row> in = images(12);
    List<Row> one = shifts().transform(in.coalesce(1)).orderBy("id").collectAsList();
    List<Row> three = shifts().transform(in.repartition(3)).orderBy("id").collectAsList();
    // Within one id the original comes first and copy k is the k-th: compare as sets per id.
    assertEquals(sorted(one), sorted(three));
  }

  private static List<String> sorted(List<Row> rows) {
    List<String> s = new ArrayList<>();
    for (Row r : rows) {
      s.add(r.toString());
    }
    s.sort(String::compareTo);
    return s;
  }

  @Test
  void zeroCopiesIsTheIdentityAndAnOutputColumnKeepsTheInput() {
    Dataset<Row> in = images(5);
    assertEquals(in.collectAsList(), shifts().setCopies(0).transform(in).collectAsList());
    Dataset<Row> out = shifts().setOutputCol("augmented").transform(in.coalesce(1));
    assertEquals(15, out.count());
    Row first = out.collectAsList().get(1);
    assertEquals(4, first.length());
    assertFalse(first.get(2).equals(first.get(3)));
  }

  @Test
  void paramsThatCannotApplyAreRefusedNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ImageAugmenter().setFlip(true).transformSchema(images(1).schema()));
    assertTrue(e.getMessage().contains("data.imageShape"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ImageAugmenter().setImageShape("4x4x1").setInputCol("label")
            .transformSchema(images(1).schema()));
    assertTrue(e.getMessage().contains("inputCol 'label' must hold vectors"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ImageAugmenter().setRotate(400));
    assertThrows(IllegalArgumentException.class, () -> new ImageAugmenter().setCopies(-1));
  }

  @Test
  void savedAndLoadedItTransformsAlike(@TempDir Path dir) throws IOException {
    ImageAugmenter a = shifts().setBrightness(0.2);
    String path = dir.resolve("augmenter").toString();
    a.save(path);
    ImageAugmenter b = ImageAugmenter.load(path);
    assertEquals(a.uid(), b.uid());
    assertEquals(a.augmentation(), b.augmentation());
    Dataset<Row> in = images(4).coalesce(1);
    assertEquals(a.transform(in).collectAsList(), b.transform(in).collectAsList());
  }
}
