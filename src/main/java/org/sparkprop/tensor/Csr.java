package org.sparkprop.tensor;

import java.io.Serializable;

/**
 * A sparse row-major float32 matrix in compressed sparse row form: row r (0 ≤ r &lt; rows) holds
 * the values {@code value[p]} at the columns {@code index[p]} for p in
 * [{@code rowStart[r]}, {@code rowStart[r + 1]}), columns ascending within a row. The arrays may
 * be longer than the matrix needs (reused buffers): only the first rows + 1 row starts and the
 * first {@code rowStart[rows]} entries count.
 */
public record Csr(int rows, int columns, int[] rowStart, int[] index, float[] value)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the shape (not every index: {@link #check()} does that where data arrives). */
  public Csr {
    if (rows < 0 || columns <= 0) {
      throw new IllegalArgumentException("a sparse matrix needs rows >= 0 and columns >= 1, got"
          + " rows=" + rows + ", columns=" + columns);
    }
    if (rowStart.length < rows + 1) {
      throw new IllegalArgumentException("a sparse matrix of " + rows + " rows needs " + (rows + 1)
          + " row starts, got " + rowStart.length);
    }
    if (rowStart[rows] > index.length || rowStart[rows] > value.length) {
      throw new IllegalArgumentException("a sparse matrix of " + rowStart[rows] + " non-zeros"
          + " has " + index.length + " column indices and " + value.length + " values");
    }
  }

  /** The stored entries of the matrix, rowStart[rows]. */
  public int nonZeros() {
    return rowStart[rows];
  }

  /** The share of stored entries among rows × columns (0 for no rows). */
  public double density() {
    return rows == 0 ? 0 : nonZeros() / ((double) rows * columns);
  }

  /**
   * Checks every row: starts not decreasing from 0, columns in [0, columns) and ascending, values
   * finite; the message names the row, the entry and the allowed range.
   */
  public Csr check() {
    if (rowStart[0] != 0) {
      throw new IllegalArgumentException("a sparse matrix's first row starts at " + rowStart[0]
          + "; it must start at 0");
    }
    for (int r = 0; r < rows; r++) {
      if (rowStart[r + 1] < rowStart[r]) {
        throw new IllegalArgumentException("row " + r + " of a sparse matrix ends at "
            + rowStart[r + 1] + ", before its start " + rowStart[r]);
      }
      for (int p = rowStart[r]; p < rowStart[r + 1]; p++) {
        int j = index[p];
        if (j < 0 || j >= columns || (p > rowStart[r] && j <= index[p - 1])) {
          throw new IllegalArgumentException("row " + r + " of a sparse matrix has column " + j
              + " at entry " + (p - rowStart[r]) + "; columns must ascend within [0, " + columns
              + ")");
        }
        if (!Float.isFinite(value[p])) {
          throw new IllegalArgumentException("row " + r + " of a sparse matrix has " + value[p]
              + " at column " + j + "; values must be finite");
        }
      }
    }
    return this;
  }

  /** Rows which[0 … count) of this matrix, in that order, as a matrix of their own. */
  public Csr select(int[] which, int count) {
    int[] start = new int[count + 1];
    for (int r = 0; r < count; r++) {
      start[r + 1] = start[r] + rowStart[which[r] + 1] - rowStart[which[r]];
    }
    int[] pickedIndex = new int[start[count]];
    float[] pickedValue = new float[start[count]];
    for (int r = 0; r < count; r++) {
      int from = rowStart[which[r]];
      System.arraycopy(index, from, pickedIndex, start[r], start[r + 1] - start[r]);
      System.arraycopy(value, from, pickedValue, start[r], start[r + 1] - start[r]);
    }
    return new Csr(count, columns, start, pickedIndex, pickedValue);
  }

  /** The dense row-major form, rows × columns (for tests and small matrices only). */
  public float[] dense() {
    float[] x = new float[Math.multiplyExact(rows, columns)];
    for (int r = 0; r < rows; r++) {
      for (int p = rowStart[r]; p < rowStart[r + 1]; p++) {
        x[r * columns + index[p]] = value[p];
      }
    }
    return x;
  }

  /**
   * The non-zeros of the dense row-major matrix {@code x} (rows × columns from offset 0) in
   * compressed form.
   */
  public static Csr of(float[] x, int rows, int columns) {
    int count = 0;
    for (int p = 0; p < rows * columns; p++) {
      if (x[p] != 0f) {
        count++;
      }
    }
    int[] start = new int[rows + 1];
    int[] index = new int[count];
    float[] value = new float[count];
    int at = 0;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < columns; j++) {
        float v = x[r * columns + j];
        if (v != 0f) {
          index[at] = j;
          value[at++] = v;
        }
      }
      start[r + 1] = at;
    }
    return new Csr(rows, columns, start, index, value);
  }
}
