package org.sparkprop.prune;

import java.util.Arrays;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.ThetaLayout;

/**
 * Removes hidden units physically: the layer shrinks, and so do the weight rows of every layer
 * that reads it. A unit whose incoming weights are all 0 still emits g(θ^k_u0), its bias alone,
 * whatever the input: that constant times its outgoing weight θ^{k,k'}_iu is folded into the
 * bias θ^{k'}_i0 of every reader k', so the network computes the same function (to float
 * rounding).
 *
 * <p>Refused, with a {@link UnitNotRemovableException} naming the layer and unit: units of
 * layer- or batch-normalized layers (the statistics over the layer, or its running statistics,
 * would change), of layers in a residual block (as source or target: the sum needs equal sizes),
 * of maxout or PReLU layers (per-unit pieces and parameters) and of a softmax hidden layer (a
 * unit's output depends on the others). Skip connections ({@code connections}) are handled: each
 * reader gets its own fold.
 */
public final class UnitRemoval {

  private UnitRemoval() {}

  /** A shrunk network and its weights. */
  public record Shrunk(NetworkSpec spec, float[] theta) {}

  /** Throws unless unit {@code unit} of hidden layer {@code k} can be removed. */
  public static void check(NetworkSpec spec, int k, int unit) {
    int depth = spec.depth();
    if (k < 1 || k >= depth) {
      throw new UnitNotRemovableException(k, unit, "only hidden layers 1.." + (depth - 1)
          + " have removable units");
    }
    if (unit < 0 || unit >= spec.size(k)) {
      throw new UnitNotRemovableException(k, unit, "the layer has units 0.."
          + (spec.size(k) - 1));
    }
    Normalization n = spec.normalization(k);
    if (n == Normalization.LAYER) {
      throw new UnitNotRemovableException(k, unit, "the layer is layer-normalized (its mean and"
          + " variance over units would change)");
    }
    if (n != Normalization.NONE) {
      throw new UnitNotRemovableException(k, unit, "the layer is " + n.name().toLowerCase()
          + "-normalized (its output is not its bias alone)");
    }
    if (spec.residual(k).length > 0) {
      throw new UnitNotRemovableException(k, unit, "the layer ends residual block "
          + spec.residual(k)[0] + "-" + k + " (the sum needs equal sizes)");
    }
    for (int m = k + 1; m <= depth; m++) {
      for (int from : spec.residual(m)) {
        if (from == k) {
          throw new UnitNotRemovableException(k, unit, "the layer starts residual block " + k
              + "-" + m + " (the sum needs equal sizes)");
        }
      }
    }
    if (spec.hidden().pieces() > 1 || spec.hidden().parametersPerUnit() > 0) {
      throw new UnitNotRemovableException(k, unit, "activation " + spec.hidden().name()
          + " has per-unit pieces or parameters");
    }
    if (spec.hidden() instanceof Softmax) {
      throw new UnitNotRemovableException(k, unit, "a softmax unit's output depends on the"
          + " others");
    }
  }

  /**
   * The hidden units whose incoming connection weights are all exactly 0, per layer
   * ({@code [k][i]}; layer 0 and L have none).
   */
  public static boolean[][] deadUnits(NetworkSpec spec, float[] theta) {
    ThetaLayout layout = new ThetaLayout(spec);
    boolean[][] dead = new boolean[spec.depth() + 1][];
    dead[0] = new boolean[spec.size(0)];
    dead[spec.depth()] = new boolean[spec.size(spec.depth())];
    for (int k = 1; k < spec.depth(); k++) {
      dead[k] = new boolean[spec.size(k)];
      if (spec.activation(k).pieces() > 1) {
        continue;
      }
      for (int i = 0; i < spec.size(k); i++) {
        int row = layout.index(k, i, 0);
        boolean zero = true;
        for (int j = 1; j < layout.rowLength(k) && zero; j++) {
          zero = theta[row + j] == 0f;
        }
        dead[k][i] = zero;
      }
    }
    return dead;
  }

  /**
   * Removes the units {@code removed[k][i]} (hidden layers only; their incoming weights are
   * ignored: the unit is taken to emit g(θ^k_i0)), folding their constant outputs into the
   * readers' biases. At least one unit of each layer must stay.
   *
   * @throws UnitNotRemovableException for a unit that cannot be removed consistently
   */
  public static Shrunk remove(NetworkSpec spec, float[] theta, boolean[][] removed) {
    int depth = spec.depth();
    ThetaLayout layout = new ThetaLayout(spec);
    if (theta.length != layout.size()) {
      throw new IllegalArgumentException("Θ has " + theta.length + " entries; the network "
          + layout.size());
    }
    int[] sizes = spec.sizes();
    int[][] kept = new int[depth + 1][];
    float[][] constant = new float[depth + 1][];
    for (int k = 0; k <= depth; k++) {
      boolean[] r = k < removed.length && removed[k] != null ? removed[k] : new boolean[sizes[k]];
      if (r.length != sizes[k]) {
        throw new IllegalArgumentException("removed[" + k + "] has " + r.length
            + " entries; layer " + k + " has " + sizes[k] + " units");
      }
      constant[k] = new float[sizes[k]];
      int n = 0;
      int[] keep = new int[sizes[k]];
      for (int i = 0; i < sizes[k]; i++) {
        if (r[i]) {
          check(spec, k, i);
          float[] one = {theta[layout.index(k, i, 0)]};
          spec.activation(k).forward(one, 0, 1, 1);
          constant[k][i] = one[0];
        } else {
          keep[n++] = i;
        }
      }
      if (n == 0) {
        throw new UnitNotRemovableException(k, 0, "every unit of the layer would be removed;"
            + " at least one must stay");
      }
      kept[k] = Arrays.copyOf(keep, n);
      sizes[k] = n;
    }
    NetworkSpec shrunk = new NetworkSpec(sizes, spec.hidden(), spec.output(), spec.loss(),
        spec.architecture());
    ThetaLayout to = new ThetaLayout(shrunk);
    float[] out = new float[to.size()];
    for (int k = 1; k <= depth; k++) {
      int[] in = spec.inputs(k);
      for (int r = 0; r < kept[k].length; r++) {
        int i = kept[k][r];
        double bias = theta[layout.index(k, i, 0)];
        for (int from : in) {
          int src = layout.index(k, i, 0) + layout.column(k, from);
          int dst = to.index(k, r, 0) + to.column(k, from);
          int c = 0;
          for (int j = 0; j < spec.size(from); j++) {
            if (c < kept[from].length && kept[from][c] == j) {
              out[dst + c] = theta[src + j];
              c++;
            } else {
              bias += (double) constant[from][j] * theta[src + j];
            }
          }
        }
        out[to.index(k, r, 0)] = (float) bias;
      }
      // PReLU's α and the normalizations' γ, β of a layer that kept all its units.
      int extra = layout.layerSize(k) - layout.rows(k) * layout.rowLength(k);
      if (extra > 0) {
        System.arraycopy(theta, layout.offset(k) + layout.rows(k) * layout.rowLength(k), out,
            to.offset(k) + to.rows(k) * to.rowLength(k), extra);
      }
    }
    return new Shrunk(shrunk, out);
  }
}
