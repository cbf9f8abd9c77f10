package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

  /** Global sample indices served by every shard for one batch, in shard order. */
  private static List<List<Integer>> batch(BatchPlan plan, int rows, int epoch, int iteration) {
    List<List<Integer>> shares = new ArrayList<>();
    for (int p = 0; p < plan.shards(); p++) {
      int shardRows = plan.shardRows(rows, p);
      int[] perm = plan.permutation(epoch, p, shardRows);
      int[] out = new int[plan.maxShare()];
      int count = plan.share(rows, iteration, p, perm, out);
      List<Integer> global = new ArrayList<>();
      for (int c = 0; c < count; c++) {
        global.add(out[c] * plan.shards() + p);
      }
      shares.add(global);
    }
    return shares;
  }

  @ParameterizedTest
  @CsvSource({"1,10,100", "2,10,100", "4,7,101", "3,1,10", "4,100,10", "5,3,3", "4,128,1000"})
  void everySampleOncePerEpochAndSharesDifferByAtMostOne(int shards, int batchSize, int rows) {
    BatchPlan plan = new BatchPlan(shards, batchSize, 42);
    int[] seen = new int[rows];
    for (int it = 0; it < plan.iterations(rows); it++) {
      List<List<Integer>> shares = batch(plan, rows, 3, it);
      int min = Integer.MAX_VALUE;
      int max = 0;
      int total = 0;
      for (List<Integer> share : shares) {
        min = Math.min(min, share.size());
        max = Math.max(max, share.size());
        total += share.size();
        for (int i : share) {
          seen[i]++;
        }
      }
      assertTrue(max - min <= 1, "shares " + min + ".." + max);
      int expected = Math.min(batchSize, rows - it * batchSize);
      assertEquals(expected, total, "batch " + it + " size");
    }
    int[] once = new int[rows];
    Arrays.fill(once, 1);
    assertArrayEquals(once, seen);
  }

  @Test
  void orderDependsOnSeedAndEpochOnly() {
    BatchPlan a = new BatchPlan(2, 8, 7);
    BatchPlan b = new BatchPlan(2, 8, 7);
    assertEquals(batch(a, 50, 1, 2), batch(b, 50, 1, 2));
    assertFalse(batch(a, 50, 1, 2).equals(batch(a, 50, 2, 2)), "epochs reshuffle");
    assertFalse(batch(a, 50, 1, 2).equals(batch(new BatchPlan(2, 8, 8), 50, 1, 2)), "seed");
  }

  @Test
  void shardRowsAddUpAndEmptyShardsExist() {
    BatchPlan plan = new BatchPlan(4, 1, 0);
    assertEquals(3, plan.shardRows(3, 0) + plan.shardRows(3, 1) + plan.shardRows(3, 2)
        + plan.shardRows(3, 3));
    assertEquals(0, plan.shardRows(3, 3));
  }

  @Test
  void rejectsBadSizes() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchPlan(0, 1, 0))
        .getMessage().contains("partitions is 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchPlan(1, 0, 0))
        .getMessage().contains("batchSize is 0"));
  }
}
