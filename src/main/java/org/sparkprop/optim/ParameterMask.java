package org.sparkprop.optim;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Which entries of Θ a penalty applies to: usually the weights θ^k_ij with j ≥ 1 but not the
 * biases θ^k_i0. Immutable. A caller with an {@code org.sparkprop.nn.ThetaLayout} builds the usual
 * mask as
 * <pre>{@code
 * IntStream.Builder biases = IntStream.builder();
 * for (int k = 1; k < M.length; k++)
 *   for (int i = 0; i < M[k]; i++) biases.add(layout.index(k, i, 0));
 * ParameterMask weights = ParameterMask.excluding(layout.size(), biases.build().toArray());
 * }</pre>
 */
public final class ParameterMask implements Serializable {

  private final boolean[] included;
  private final int count;

  private ParameterMask(boolean[] included) {
    this.included = included;
    int c = 0;
    for (boolean b : included) {
      if (b) {
        c++;
      }
    }
    this.count = c;
  }

  /** Every one of {@code size} entries. */
  public static ParameterMask all(int size) {
    Check.count("size", size);
    boolean[] in = new boolean[size];
    Arrays.fill(in, true);
    return new ParameterMask(in);
  }

  /** Every one of {@code size} entries except the listed ones (e.g. the biases). */
  public static ParameterMask excluding(int size, int... excluded) {
    ParameterMask all = all(size);
    for (int i : excluded) {
      if (i < 0 || i >= size) {
        throw new IllegalArgumentException(
            "excluded index is " + i + "; it must be in [0, " + size + ")");
      }
      all.included[i] = false;
    }
    return new ParameterMask(all.included);
  }

  /** Only the listed ones of {@code size} entries. */
  public static ParameterMask only(int size, int... includedIndices) {
    Check.count("size", size);
    boolean[] in = new boolean[size];
    for (int i : includedIndices) {
      if (i < 0 || i >= size) {
        throw new IllegalArgumentException(
            "included index is " + i + "; it must be in [0, " + size + ")");
      }
      in[i] = true;
    }
    return new ParameterMask(in);
  }

  /** Entry i is included where {@code included[i]} (the array is copied). */
  public static ParameterMask of(boolean[] included) {
    return new ParameterMask(included.clone());
  }

  /** Entry i of {@code size} is included where {@code test(i)}. */
  public static ParameterMask where(int size, IntPredicate test) {
    Check.count("size", size);
    boolean[] in = new boolean[size];
    for (int i = 0; i < size; i++) {
      in[i] = test.test(i);
    }
    return new ParameterMask(in);
  }

  /** Whether entry i is included. */
  public boolean includes(int i) {
    return included[i];
  }

  /** The length of Θ this mask is for. */
  public int size() {
    return included.length;
  }

  /** How many entries are included. */
  public int count() {
    return count;
  }

  /** Throws unless the mask is for an array of {@code length} entries. */
  void checkSize(String what, int length) {
    if (length != included.length) {
      throw new IllegalArgumentException(what + " has " + length + " entries but the parameter mask "
          + included.length + "; they must be equal");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterMask p && Arrays.equals(included, p.included);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(included);
  }

  @Override
  public String toString() {
    return "ParameterMask(size=" + included.length + ", included=" + count + ")";
  }
}
