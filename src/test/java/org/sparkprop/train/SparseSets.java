package org.sparkprop.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sparkprop.tensor.Csr;

/**
 * Seeded sparse classification sets like hashed text: each of C classes owns a band of
 * {@code columns / (2C)} topic columns; a row of class c stores {@code perRow} distinct columns,
 * each drawn from its class's band with probability 1/3, else from all columns,
 * each with a count in {1, 2, 3}. One-hot targets.
 */
public final class SparseSets {

  private SparseSets() {}

  public static Samples topics(int rows, int columns, int classes, int perRow, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int band = Math.max(1, columns / (2 * classes));
    int[] start = new int[rows + 1];
    int[] index = new int[rows * perRow];
    float[] value = new float[rows * perRow];
    float[] t = new float[rows * classes];
    int at = 0;
    int[] picked = new int[perRow];
    for (int r = 0; r < rows; r++) {
      int c = random.nextInt(classes);
      t[r * classes + c] = 1f;
      int n = 0;
      while (n < perRow) {
        int j = random.nextInt(3) == 0 ? c * band + random.nextInt(band)
            : random.nextInt(columns);
        boolean seen = false;
        for (int e = 0; e < n; e++) {
          seen |= picked[e] == j;
        }
        if (!seen) {
          picked[n++] = j;
        }
      }
      Arrays.sort(picked);
      for (int e = 0; e < perRow; e++) {
        index[at] = picked[e];
        value[at++] = 1 + random.nextInt(3);
      }
      start[r + 1] = at;
    }
    return Samples.sparse(new Csr(rows, columns, start, index, value).check(), t, classes, null);
  }

  /** The same samples with dense inputs. */
  public static Samples dense(Samples sparse) {
    return new Samples(sparse.sparse().dense(), sparse.t(), sparse.rows(), sparse.inputs(),
        sparse.outputs(), sparse.w());
  }
}
