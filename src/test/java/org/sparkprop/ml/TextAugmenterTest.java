package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.augment.Synonyms;
import org.sparkprop.data.MissingSynonymsException;
import org.sparkprop.data.SynonymSource;
import org.sparkprop.spark.LocalSpark;

/** The text augmenter: copies, kept columns, seeded draws, partitions, synonyms, persistence. */
class TextAugmenterTest {

  private static final String[] SENTENCES = {"the quick brown fox", "a lazy dog sleeps",
      "quick thinking wins", "the dog and the fox", "nothing here changes", "lazy afternoon"};

  private static Path table(Path dir) throws IOException {
    Path file = dir.resolve("synonyms.tsv");
    Files.writeString(file, "quick\tfast,speedy\nfox\ttod\nlazy\tidle,slothful\ndog\thound\n");
    return file;
  }

  private static Dataset<Row> words() {
    SparkSession spark = LocalSpark.session();
    List<Row> list = new ArrayList<>();
    for (int i = 0; i < SENTENCES.length; i++) {
      list.add(RowFactory.create(i, (double) (i % 2), Arrays.asList(SENTENCES[i].split(" "))));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType)
        .add("label", DataTypes.DoubleType)
        .add("words", DataTypes.createArrayType(DataTypes.StringType));
    return spark.createDataFrame(list, schema);
  }

  private static TextAugmenter augmenter(Path synonyms) {
    return new TextAugmenter().setSynonyms(synonyms.toUri().toString()).setCopies(2)
        .setSubstitute(1).setInsert(1).setSwap(1).setDelete(0.2).setSeed(5);
  }

  @Test
  void eachRowIsFollowedByItsCopiesWithItsOtherColumns(@TempDir Path dir) throws IOException {
    Path file = table(dir);
    Dataset<Row> in = words();
    List<Row> out = augmenter(file).transform(in.coalesce(1)).collectAsList();
    assertEquals(3 * SENTENCES.length, out.size());
    List<Row> original = in.collectAsList();
    Synonyms syn = SynonymSource.load(file.toUri().toString(), new org.apache.hadoop.conf
        .Configuration());
    for (int i = 0; i < SENTENCES.length; i++) {
      Row row = original.get(i);
      assertEquals(row, out.get(3 * i));
      List<String> w = row.getList(2);
      for (int k = 1; k <= 2; k++) {
        Row copy = out.get(3 * i + k);
        assertEquals(row.get(0), copy.get(0));
        assertEquals(row.get(1), copy.get(1));
        assertEquals(augmenter(file).augmentation().apply(w, syn, 5, k, TextAugmenter.key(w)),
            copy.getList(2));
      }
    }
    // Sentences with synonyms change: the first one's copies differ from it.
    assertNotEquals(out.get(0).getList(2), out.get(1).getList(2));
  }

  @Test
  void theCopiesDoNotDependOnThePartitioning(@TempDir Path dir) throws IOException {
    Path file = table(dir);
    List<String> one = sorted(augmenter(file).transform(words().coalesce(1)).collectAsList());
    List<String> three = sorted(augmenter(file).transform(words().repartition(3))
        .collectAsList());
    assertEquals(one, three);
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
  void zeroCopiesIsTheIdentityAndAnOutputColumnKeepsTheInput(@TempDir Path dir)
      throws IOException {
    Dataset<Row> in = words();
    Path file = table(dir);
    assertEquals(in.collectAsList(), augmenter(file).setCopies(0).transform(in).collectAsList());
    List<Row> out = augmenter(file).setOutputCol("augmented").transform(in.coalesce(1))
        .collectAsList();
    assertEquals(3 * SENTENCES.length, out.size());
    assertEquals(4, out.get(1).length());
    assertEquals(out.get(0).getList(2), out.get(1).getList(2));
    assertEquals(out.get(0).getList(2), out.get(0).getList(3));
  }

  @Test
  void aMissingSynonymSourceIsATypedErrorNamingThePath(@TempDir Path dir) {
    String missing = dir.resolve("nothing.tsv").toUri().toString();
    MissingSynonymsException e = assertThrows(MissingSynonymsException.class,
        () -> augmenter(dir).setSynonyms(missing).transform(words()));
    assertTrue(e.path().endsWith("nothing.tsv"), e.path());
    assertTrue(e.getMessage().contains(e.path()), e.getMessage());
    e = assertThrows(MissingSynonymsException.class,
        () -> augmenter(dir).setSynonyms("wordnet:" + dir).transform(words()));
    assertTrue(e.path().endsWith("data.noun"), e.path());
    // Swaps and deletion need no synonyms: no source is read.
    assertEquals(12, new TextAugmenter().setSynonyms(missing).setSwap(1).transform(words())
        .count());
  }

  @Test
  void badParamsAreRefusedNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TextAugmenter().setInputCol("label").transformSchema(words().schema()));
    assertTrue(e.getMessage().contains("inputCol 'label' must hold array<string>"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TextAugmenter().setDelete(1.0));
    assertThrows(IllegalArgumentException.class, () -> new TextAugmenter().setCopies(-1));
  }

  @Test
  void savedAndLoadedItTransformsAlike(@TempDir Path dir) throws IOException {
    TextAugmenter a = augmenter(table(dir));
    String path = dir.resolve("augmenter").toString();
    a.save(path);
    TextAugmenter b = TextAugmenter.load(path);
    assertEquals(a.uid(), b.uid());
    assertEquals(a.augmentation(), b.augmentation());
    assertEquals(a.getOrDefault(a.synonyms()), b.getOrDefault(b.synonyms()));
    Dataset<Row> in = words().coalesce(1);
    assertEquals(a.transform(in).collectAsList(), b.transform(in).collectAsList());
  }
}
