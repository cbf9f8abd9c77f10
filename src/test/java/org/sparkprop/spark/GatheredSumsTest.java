package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaPairRDD;
import org.junit.jupiter.api.Test;
import org.sparkprop.train.GradientSum;
import scala.Tuple2;

/**
 * The sum of gathered partials follows {@link OrderedTreeSum}'s order and tree shape, so it has
 * the bits of the Spark job's sum, with and without combining levels; and the shape matters
 * (a flat sum in the same order differs in the last bits once the tree has levels).
 */
class GatheredSumsTest {

  private static final int D = 257;

  /** Partials with values of very different magnitudes, so that the order of additions shows. */
  private static GradientSum[] partials(int partitions, long seed) {
    Random random = new Random(seed);
    GradientSum[] parts = new GradientSum[partitions];
    for (int p = 0; p < partitions; p++) {
      GradientSum s = new GradientSum();
      if (p % 4 != 3) { // some partitions serve no sample: no gradient
        float[] g = s.gradient(D);
        for (int i = 0; i < D; i++) {
          g[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
        }
        s.addStatistics(random.nextDouble() * 1e3, 1 + random.nextInt(40), random.nextInt(20));
      }
      parts[p] = s;
    }
    return parts;
  }

  /** Fresh copies (adding into a sum may take over its first part's array). */
  private static GradientSum[] copies(GradientSum[] parts) {
    GradientSum[] out = new GradientSum[parts.length];
    for (int p = 0; p < parts.length; p++) {
      out[p] = SumBytes.decode(SumBytes.encode(parts[p]));
    }
    return out;
  }

  @Test
  void theSameBitsAsTheOrderedTreeOfASparkJob() {
    int[][] cases = {{1, 2}, {2, 2}, {3, 2}, {5, 1}, {9, 2}, {17, 2}, {17, 3}, {30, 2}};
    for (int[] c : cases) {
      int partitions = c[0];
      int depth = c[1];
      GradientSum[] parts = partials(partitions, 31L * partitions + depth);
      List<Tuple2<Integer, GradientSum>> keyed = new ArrayList<>();
      GradientSum[] forSpark = copies(parts);
      for (int p = 0; p < partitions; p++) {
        keyed.add(new Tuple2<>(p, forSpark[p]));
      }
      JavaPairRDD<Integer, GradientSum> rdd = LocalSpark.context()
          .parallelizePairs(keyed, Math.min(partitions, 4));
      GradientSum spark = OrderedTreeSum.sum(rdd, partitions, depth);
      GradientSum here = GatheredSums.sum(copies(parts), depth);
      String name = partitions + " partitions, depth " + depth;
      assertArrayEquals(spark.gradient(), here.gradient(), name);
      assertEquals(spark.loss(), here.loss(), 0.0, name);
      assertEquals(spark.count(), here.count(), name);
      assertEquals(spark.correct(), here.correct(), name);
    }
  }

  @Test
  void theTreeShapeIsPartOfTheResult() {
    // 30 partitions at depth 2 add through one combining level.
    assertEquals(1, OrderedTreeSum.levels(30, 2));
    GradientSum[] parts = partials(30, 7);
    GradientSum tree = GatheredSums.sum(copies(parts), 2);
    GradientSum flat = GatheredSums.sum(copies(parts), 1);
    assertEquals(0, OrderedTreeSum.levels(30, 1));
    assertNotEquals(Arrays.toString(tree.gradient()), Arrays.toString(flat.gradient()));
  }
}
