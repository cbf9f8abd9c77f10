package org.sparkprop.nn;

/**
 * Batch buffers for one network, reused from one mini-batch to the next so that the hot loop
 * allocates nothing: the gathered inputs x and targets t, the layer outputs s^k and the errors δ^k,
 * each row-major with room for {@link #capacity()} rows.
 */
public final class Workspace {

  private final int[] sizes;
  private int capacity;
  float[] x;
  float[] t;
  final float[][] s;
  final float[][] delta;

  public Workspace(NetworkSpec spec, int rows) {
    this.sizes = spec.sizes();
    this.s = new float[sizes.length][];
    this.delta = new float[sizes.length][];
    allocate(Math.max(1, rows));
  }

  /** Grows the buffers to hold at least {@code rows} rows (never shrinks them). */
  public void ensure(int rows) {
    if (rows > capacity) {
      allocate(Math.max(rows, capacity + capacity / 2));
    }
  }

  private void allocate(int rows) {
    capacity = rows;
    x = new float[rows * sizes[0]];
    t = new float[rows * sizes[sizes.length - 1]];
    for (int k = 1; k < sizes.length; k++) {
      s[k] = new float[rows * sizes[k]];
      delta[k] = new float[rows * sizes[k]];
    }
  }

  public int capacity() {
    return capacity;
  }

  /** The input buffer (capacity × M_0) into which callers gather a batch. */
  public float[] inputs() {
    return x;
  }

  /** The target buffer (capacity × M_L) into which callers gather a batch. */
  public float[] targets() {
    return t;
  }

  /** The outputs s^L of the last forward pass. */
  public float[] outputs() {
    return s[sizes.length - 1];
  }
}
