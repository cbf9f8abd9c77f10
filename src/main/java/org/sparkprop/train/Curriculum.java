package org.sparkprop.train;

import java.util.Arrays;

/**
 * Curriculum learning (Bengio et al. 2009), the notes' "aprender primero las muestras más
 * fáciles": during the first epochs every shard visits its rows from the lowest current loss to
 * the highest, so that early batches hold the easy samples.
 */
public final class Curriculum {

  private Curriculum() {}

  /** Per shard, its local rows sorted by ascending loss (ties by row, so the order is stable). */
  public static int[][] easyFirst(float[][] losses) {
    int[][] orders = new int[losses.length][];
    for (int p = 0; p < losses.length; p++) {
      float[] q = losses[p];
      Integer[] rows = new Integer[q.length];
      for (int r = 0; r < rows.length; r++) {
        rows[r] = r;
      }
      Arrays.sort(rows, (a, b) -> {
        int c = Float.compare(q[a], q[b]);
        return c != 0 ? c : Integer.compare(a, b);
      });
      orders[p] = new int[rows.length];
      for (int r = 0; r < rows.length; r++) {
        orders[p][r] = rows[r];
      }
    }
    return orders;
  }
}
