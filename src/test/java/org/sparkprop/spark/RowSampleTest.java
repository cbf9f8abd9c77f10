package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;

/**
 * The report's row sample draws rows with a label only: a row without one has no truth, and its
 * targets (all 0) would be drawn as class 0. The sample still holds at most cap rows and the same
 * seed draws the same rows.
 */
class RowSampleTest {

  private static final int K = 3;
  private static final int LABELED = 37;
  private static final int UNLABELED = 53;
  private static final Network NET = new Network(new NetworkSpec(new int[] {2, 6, K},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));

  /** Rows of inputs in [0, 1) with a class, or, without labels, inputs in [10, 11). */
  private static List<SampleRow> rows(int count, boolean labeled, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<SampleRow> rows = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      float shift = labeled ? 0 : 10;
      float[] t = new float[K];
      t[random.nextInt(K)] = 1;
      rows.add(new SampleRow(new float[] {shift + (float) random.nextDouble(),
          shift + (float) random.nextDouble()}, t, 1f));
    }
    return rows;
  }

  private static ShardRdd pack(JavaSparkContext sc, List<SampleRow> labeled,
      List<SampleRow> unlabeled, int partitions) {
    JavaRDD<SampleRow> a = sc.parallelize(labeled, 2);
    JavaRDD<SampleRow> b = sc.parallelize(unlabeled, 3);
    ShardInput<Object> mixed = ShardInput.withUnlabeled(ShardInput.of(a, 2, K),
        ShardInput.of(b, 2, K));
    return ShardRdd.fromInput(mixed, partitions, StorageLevel.MEMORY_ONLY(), 7L, null);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void rowsWithoutALabelAreNotDrawn(int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    List<SampleRow> labeled = rows(LABELED, true, 1);
    Map<String, Integer> classOf = new HashMap<>();
    for (SampleRow r : labeled) {
      classOf.put(r.x()[0] + "," + r.x()[1], RowSample.classOf(r.t(), 0, K));
    }
    float[] theta = Initializer.initialTheta(NET, 2);
    try (ShardRdd shards = pack(sc, labeled, rows(UNLABELED, false, 2), partitions)) {
      assertEquals(LABELED + UNLABELED, shards.rows());
      // A cap above every row: every labeled row, once, with its own class, and no other.
      RowSample all = RowSample.draw(sc, NET, theta, shards, 1000, 5);
      assertEquals(LABELED, all.rows());
      Set<String> seen = new HashSet<>();
      for (int r = 0; r < all.rows(); r++) {
        String key = all.x()[2 * r] + "," + all.x()[2 * r + 1];
        assertTrue(classOf.containsKey(key), "row " + r + " at " + key + " has no label");
        assertTrue(seen.add(key), "row " + key + " drawn twice");
        assertEquals((float) classOf.get(key), all.truth()[r], "the truth of row " + key);
      }
      // A cap below the labeled rows: at most cap rows, all labeled, the same for the same seed.
      RowSample some = RowSample.draw(sc, NET, theta, shards, 12, 5);
      assertEquals(12, some.rows());
      for (int r = 0; r < some.rows(); r++) {
        assertTrue(classOf.containsKey(some.x()[2 * r] + "," + some.x()[2 * r + 1]));
      }
      RowSample again = RowSample.draw(sc, NET, theta, shards, 12, 5);
      assertArrayEquals(some.x(), again.x());
      assertArrayEquals(some.truth(), again.truth());
      assertArrayEquals(some.predicted(), again.predicted());
    }
  }
}
