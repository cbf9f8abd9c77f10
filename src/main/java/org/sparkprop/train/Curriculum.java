package org.sparkprop.train;

import java.util.Arrays;

/**
 * Curriculum learning (Bengio, Louradour, Collobert &amp; Weston 2009), easy samples
 * first: during the first epochs every shard visits its rows from the lowest current loss to
 * the highest, so that early batches hold the easy samples.
 */
public final class Curriculum {

  private Curriculum() {}

  /**
   * A shard's local rows sorted by ascending loss q (ties by row, so the order is stable),
   * computed where the shard is.
   */
  public static int[] easyFirst(float[] q) {
    Integer[] rows = new Integer[q.length];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = r;
    }
    Arrays.sort(rows, (a, b) -> {
      int c = Float.compare(q[a], q[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] order = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      order[r] = rows[r];
    }
    return order;
  }
}
