package org.sparkprop.spark;

import java.util.Arrays;
import org.sparkprop.tensor.Csr;

/**
 * Packs the inputs of one shard's rows, which arrive in any order, into compressed sparse rows:
 * each row's stored entries are appended as it arrives (a dense row's non-zeros), and
 * {@link #build} lays them out in row order, checked (columns ascending and in range, values
 * finite). Nothing of M_0 size is allocated per row.
 */
final class CsrPacker {

  private final int rows;
  private final int columns;
  private final int[] at;
  private final int[] length;
  private int[] index = new int[1024];
  private float[] value = new float[1024];
  private int size;

  CsrPacker(int rows, int columns) {
    this.rows = rows;
    this.columns = columns;
    this.at = new int[rows];
    this.length = new int[rows];
  }

  /** Stores the inputs of {@code row} as local row r. */
  void put(int r, SampleRow row) {
    float[] x = row.x();
    at[r] = size;
    if (row.isSparse()) {
      int[] columnsOf = row.index();
      grow(x.length);
      System.arraycopy(columnsOf, 0, index, size, x.length);
      System.arraycopy(x, 0, value, size, x.length);
      size += x.length;
    } else {
      if (x.length != columns) {
        throw new IllegalArgumentException("a row has " + x.length + " inputs; expected "
            + columns);
      }
      for (int j = 0; j < columns; j++) {
        if (x[j] != 0f) {
          grow(1);
          index[size] = j;
          value[size++] = x[j];
        }
      }
    }
    length[r] = size - at[r];
  }

  private void grow(int more) {
    if (size + (long) more > index.length) {
      long wanted = Math.max(size + (long) more, index.length + (long) index.length / 2);
      if (wanted > ShardRdd.MAX_ARRAY) {
        throw new IllegalArgumentException("a shard stores more than " + ShardRdd.MAX_ARRAY
            + " sparse inputs; use more partitions");
      }
      index = Arrays.copyOf(index, (int) wanted);
      value = Arrays.copyOf(value, (int) wanted);
    }
  }

  /** The rows in order, checked. */
  Csr build() {
    int[] start = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      start[r + 1] = start[r] + length[r];
    }
    int[] packedIndex = new int[size];
    float[] packedValue = new float[size];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(index, at[r], packedIndex, start[r], length[r]);
      System.arraycopy(value, at[r], packedValue, start[r], length[r]);
    }
    return new Csr(rows, columns, start, packedIndex, packedValue).check();
  }
}
