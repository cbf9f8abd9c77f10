package org.sparkprop.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any optimizer with some entries of Θ removed (pruned): a removed θ_i is 0 after every step,
 * bitwise, and so is every entry i of the wrapped optimizer's state (momenta, moments,
 * accumulators), so that nothing a removed weight left behind moves it again. The gradient of a
 * removed entry is zeroed before the wrapped step, so the state never sees it.
 *
 * <p>Which entries are kept is part of the state ({@link State#keep}, 1 kept and 0 removed) and
 * its first array, so a checkpoint saves it with the moments and a resumed run gets it back.
 * {@link #init} starts from {@code initialKeep}; a pruning step changes the state's mask with
 * {@link State#remove}.
 *
 * @param inner the optimizer that steps the kept entries
 * @param initialKeep 1 for each kept entry of Θ and 0 for each removed one (not changed; copied
 *     into every state {@link #init} makes), or null for all kept
 */
public record PrunedOptimizer(Optimizer inner, float[] initialKeep) implements Optimizer {

  public PrunedOptimizer {
    if (inner == null) {
      throw new IllegalArgumentException("PrunedOptimizer: inner optimizer is null");
    }
    if (inner instanceof PrunedOptimizer) {
      throw new IllegalArgumentException("PrunedOptimizer: inner is already pruned: " + inner);
    }
    if (initialKeep != null) {
      for (int i = 0; i < initialKeep.length; i++) {
        if (initialKeep[i] != 0f && initialKeep[i] != 1f) {
          throw new IllegalArgumentException("PrunedOptimizer: keep[" + i + "] is "
              + initialKeep[i] + "; it must be 0 (removed) or 1 (kept)");
        }
      }
    }
  }

  /** The wrapped optimizer's state and the mask of kept entries. */
  public static final class State implements OptimizerState {
    private final float[] keep;
    private final OptimizerState inner;

    State(float[] keep, OptimizerState inner) {
      this.keep = keep;
      this.inner = inner;
    }

    /** 1 for each kept entry, 0 for each removed one (live, not a copy). */
    public float[] keep() {
      return keep;
    }

    /** The wrapped optimizer's state. */
    public OptimizerState inner() {
      return inner;
    }

    /** How many entries are removed. */
    public int removed() {
      int n = 0;
      for (float k : keep) {
        if (k == 0f) {
          n++;
        }
      }
      return n;
    }

    /**
     * Removes the entries {@code removed} marks (true: removed; entries already removed stay so)
     * and zeroes them in Θ and in the wrapped state.
     */
    public void remove(boolean[] removed, float[] theta) {
      if (removed.length != keep.length || theta.length != keep.length) {
        throw new IllegalArgumentException("remove: the mask has " + removed.length
            + " entries and Θ " + theta.length + "; both must be " + keep.length);
      }
      for (int i = 0; i < keep.length; i++) {
        if (removed[i]) {
          keep[i] = 0f;
        }
      }
      clear(theta);
    }

    /** Zeroes the removed entries of {@code theta} and of every array of the wrapped state. */
    void clear(float[] theta) {
      for (int i = 0; i < keep.length; i++) {
        if (keep[i] == 0f) {
          theta[i] = 0f;
        }
      }
      for (float[] a : inner.arrays()) {
        for (int i = 0; i < keep.length; i++) {
          if (keep[i] == 0f) {
            a[i] = 0f;
          }
        }
      }
    }

    @Override
    public long step() {
      return inner.step();
    }

    @Override
    public List<float[]> arrays() {
      List<float[]> all = new ArrayList<>();
      all.add(keep);
      all.addAll(inner.arrays());
      return all;
    }

    @Override
    public void restoreStep(long step) {
      inner.restoreStep(step);
    }
  }

  @Override
  public State init(int size) {
    Check.count("size", size);
    float[] keep = new float[size];
    if (initialKeep == null) {
      Arrays.fill(keep, 1f);
    } else if (initialKeep.length != size) {
      throw new IllegalArgumentException("PrunedOptimizer: the mask has " + initialKeep.length
          + " entries but Θ " + size + "; they must be equal");
    } else {
      System.arraycopy(initialKeep, 0, keep, 0, size);
    }
    OptimizerState in = inner.init(size);
    for (float[] a : in.arrays()) {
      if (a.length != size) {
        throw new IllegalArgumentException("PrunedOptimizer: " + inner + " keeps an array of "
            + a.length + " entries for Θ of " + size + "; only arrays aligned with Θ can be"
            + " masked");
      }
    }
    return new State(keep, in);
  }

  @Override
  public void update(float[] theta, float[] gradient, OptimizerState state, float rateScale) {
    State s = Check.state(State.class, state, this);
    Check.sizes(theta, gradient, s.keep.length);
    float[] keep = s.keep;
    for (int i = 0; i < keep.length; i++) {
      gradient[i] *= keep[i];
    }
    inner.update(theta, gradient, s.inner, rateScale);
    s.clear(theta);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrunedOptimizer p && inner.equals(p.inner)
        && Arrays.equals(initialKeep, p.initialKeep);
  }

  @Override
  public int hashCode() {
    return 31 * inner.hashCode() + Arrays.hashCode(initialKeep);
  }

  @Override
  public String toString() {
    int removed = 0;
    if (initialKeep != null) {
      for (float k : initialKeep) {
        if (k == 0f) {
          removed++;
        }
      }
    }
    return "Pruned(" + inner + ", removed=" + removed + ")";
  }
}
