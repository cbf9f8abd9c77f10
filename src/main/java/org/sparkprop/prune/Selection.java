package org.sparkprop.prune;

import java.util.Arrays;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.ThetaLayout;

/**
 * Which entries of Θ a pruning step removes, from a relevance per entry: the least relevant
 * connection weights over the whole network (biases, PReLU's α and normalization parameters are
 * never removed), or whole hidden units by the relevance of their incoming weights. Entries
 * already removed stay removed and count towards the fraction.
 */
public final class Selection {

  private Selection() {}

  /**
   * The connection weights to hold at 0 so that {@code fraction} of all of them are removed: the
   * entries removed already ({@code keep[i] == 0}) and then the least relevant, ties broken by
   * index. Returns true for every removed entry.
   */
  public static boolean[] weights(ThetaLayout layout, float[] relevance, float[] keep,
      double fraction) {
    boolean[] eligible = layout.weightMask();
    int count = 0;
    for (boolean e : eligible) {
      if (e) {
        count++;
      }
    }
    int[] idx = new int[count];
    int n = 0;
    for (int i = 0; i < eligible.length; i++) {
      if (eligible[i]) {
        idx[n++] = i;
      }
    }
    long target = Math.round(fraction * count);
    return lowest(idx, relevance, keep, target, eligible.length);
  }

  /** Every connection weight with relevance under {@code threshold}, and those removed already. */
  public static boolean[] weightsUnder(ThetaLayout layout, float[] relevance, float[] keep,
      double threshold) {
    boolean[] eligible = layout.weightMask();
    boolean[] removed = new boolean[eligible.length];
    for (int i = 0; i < eligible.length; i++) {
      removed[i] = eligible[i] && (keep[i] == 0f || relevance[i] < threshold);
    }
    return removed;
  }

  /**
   * The relevance of each hidden unit (k, i): {@code norm2} ? the L2 norm : the sum of the
   * relevance of its incoming connection weights ({@code [k][i]}; empty for layers 0 and L).
   */
  public static double[][] unitRelevance(NetworkSpec spec, float[] relevance, boolean norm2) {
    ThetaLayout layout = new ThetaLayout(spec);
    double[][] units = new double[spec.depth() + 1][];
    units[0] = new double[0];
    units[spec.depth()] = new double[0];
    for (int k = 1; k < spec.depth(); k++) {
      units[k] = new double[spec.size(k)];
      for (int i = 0; i < spec.size(k); i++) {
        int row = layout.index(k, i, 0);
        double sum = 0;
        for (int j = 1; j < layout.rowLength(k); j++) {
          double r = relevance[row + j];
          sum += norm2 ? r * r : r;
        }
        units[k][i] = norm2 ? Math.sqrt(sum) : sum;
      }
    }
    return units;
  }

  /**
   * The units to remove in each hidden layer: {@code fraction} of its units, least relevant first
   * (those removed already first of all), at least one kept; with {@code threshold} >= 0 instead
   * every unit whose relevance is under it (at least one kept). Every chosen unit is checked
   * ({@link UnitRemoval#check}).
   */
  public static boolean[][] units(NetworkSpec spec, double[][] relevance, boolean[][] removed,
      double fraction, double threshold) {
    boolean[][] out = new boolean[spec.depth() + 1][];
    out[0] = new boolean[spec.size(0)];
    out[spec.depth()] = new boolean[spec.size(spec.depth())];
    for (int k = 1; k < spec.depth(); k++) {
      int m = spec.size(k);
      Integer[] order = new Integer[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      int layer = k;
      Arrays.sort(order, (a, b) -> {
        boolean ra = removed[layer][a];
        boolean rb = removed[layer][b];
        if (ra != rb) {
          return ra ? -1 : 1;
        }
        int c = Double.compare(relevance[layer][a], relevance[layer][b]);
        return c != 0 ? c : Integer.compare(a, b);
      });
      out[k] = new boolean[m];
      long n = threshold >= 0 ? m : Math.round(fraction * m);
      n = Math.min(n, m - 1);
      for (int r = 0; r < n; r++) {
        int i = order[r];
        if (threshold >= 0 && !removed[k][i] && relevance[k][i] >= threshold) {
          break;
        }
        UnitRemoval.check(spec, k, i);
        out[k][i] = true;
      }
    }
    return out;
  }

  /** The entries of Θ held at 0 for removed units: their incoming connection weights. */
  public static boolean[] incomingWeights(NetworkSpec spec, boolean[][] units) {
    ThetaLayout layout = new ThetaLayout(spec);
    boolean[] removed = new boolean[layout.size()];
    for (int k = 1; k < spec.depth(); k++) {
      for (int i = 0; i < spec.size(k); i++) {
        if (units[k][i]) {
          int row = layout.index(k, i, 0);
          Arrays.fill(removed, row + 1, row + layout.rowLength(k), true);
        }
      }
    }
    return removed;
  }

  private static boolean[] lowest(int[] idx, float[] relevance, float[] keep, long target,
      int size) {
    // Sort by (kept, relevance, index) through one long key per entry: removed entries first.
    long[] keys = new long[idx.length];
    for (int n = 0; n < idx.length; n++) {
      int i = idx[n];
      float r = keep[i] == 0f ? 0f : Math.abs(relevance[i]) + Float.MIN_VALUE;
      // Non-negative floats order as their bits; 31 bits of order, 32 of index.
      keys[n] = ((long) Float.floatToIntBits(r) << 32) | (i & 0xffffffffL);
    }
    Arrays.sort(keys);
    boolean[] removed = new boolean[size];
    for (int n = 0; n < idx.length; n++) {
      int i = (int) (keys[n] & 0xffffffffL);
      if (n < target || keep[i] == 0f) {
        removed[i] = true;
      }
    }
    return removed;
  }
}
