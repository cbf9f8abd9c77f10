package org.sparkprop.data;

import org.apache.spark.Partitioner;

/**
 * Splits rows {@code 0 .. rows-1} into {@code parts} contiguous ranges of nearly equal size, in
 * order: partition p holds rows {@code [start(p), start(p+1))} with {@code start(p) = ⌊p·rows /
 * parts⌋}. As a {@link Partitioner} keyed by the row index it sends every row to its range, so a
 * data set read sequentially by one task can be spread over the partitions with its rows still in
 * file order.
 */
final class RowRanges extends Partitioner {

  private static final long serialVersionUID = 1L;

  private final long rows;
  private final int parts;

  RowRanges(long rows, int parts) {
    if (rows < 0 || parts < 1) {
      throw new IllegalArgumentException(
          "row ranges need rows >= 0 and parts >= 1, got rows=" + rows + ", parts=" + parts);
    }
    this.rows = rows;
    this.parts = parts;
  }

  /** The first row of partition {@code p}; {@code start(parts)} is the number of rows. */
  long start(int p) {
    return Math.multiplyExact((long) p, rows) / parts;
  }

  @Override
  public int numPartitions() {
    return parts;
  }

  /** The partition of row {@code key} (a {@code Long}): the largest p with start(p) ≤ key. */
  @Override
  public int getPartition(Object key) {
    long r = (Long) key;
    if (r < 0 || r >= rows) {
      throw new IllegalArgumentException("row " + r + " is outside [0, " + rows + ")");
    }
    return (int) (((r + 1) * parts - 1) / rows);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowRanges r && r.rows == rows && r.parts == parts;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(rows) * 31 + parts;
  }
}
