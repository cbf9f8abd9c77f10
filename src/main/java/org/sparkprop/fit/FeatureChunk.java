package org.sparkprop.fit;

import java.util.function.IntFunction;
import org.apache.spark.ml.linalg.SparseVector;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.QuantizedForward;
import org.sparkprop.nn.SparseInputException;
import org.sparkprop.nn.Workspace;
import org.sparkprop.tensor.Csr;

/**
 * The features of a chunk of rows to score, in reused buffers: as compressed sparse rows when
 * every row of the chunk is a {@link SparseVector} and the network reads sparse inputs (the
 * sparse first-layer product; no dense row of M_0 values is made), else dense. Runs on the
 * executors; values are checked as in training (finite, of the network's size), errors naming the
 * column. Not thread-safe.
 */
public final class FeatureChunk {

  private final Network network;
  private final int inputs;
  private final boolean readsSparse;
  private float[] x = new float[0];
  private int[] start = new int[1];
  private int[] index = new int[0];
  private float[] value = new float[0];
  private Csr sparse;
  private int rows;

  public FeatureChunk(Network network) {
    this(network, true);
  }

  /**
   * A chunk for {@code network} that keeps sparse features sparse when {@code sparseAllowed} and
   * the network can read them; else every chunk is read dense (a quantized model's forward pass
   * reads dense inputs).
   */
  public FeatureChunk(Network network, boolean sparseAllowed) {
    this.network = network;
    this.inputs = network.spec().size(0);
    this.readsSparse = sparseAllowed && readsSparse(network);
  }

  /** Whether {@code network} can read sparse inputs (no standardize, no residual from them). */
  public static boolean readsSparse(Network network) {
    try {
      network.requireSparseInput();
      return true;
    } catch (SparseInputException e) {
      return false;
    }
  }

  /** Reads the features {@code features.apply(r)} of rows r &lt; n of column {@code col}. */
  public void load(IntFunction<Object> features, int n, String col) {
    rows = n;
    boolean allSparse = readsSparse;
    for (int r = 0; r < n && allSparse; r++) {
      allSparse = features.apply(r) instanceof SparseVector;
    }
    if (allSparse) {
      if (start.length < n + 1) {
        start = new int[n + 1];
      }
      int at = 0;
      for (int r = 0; r < n; r++) {
        SparseVector v = (SparseVector) features.apply(r);
        Columns.requireSize(col, v.size(), inputs);
        int[] columns = v.indices();
        double[] values = v.values();
        if (index.length < at + columns.length) {
          int size = Math.max(at + columns.length, index.length + index.length / 2);
          index = java.util.Arrays.copyOf(index, size);
          value = java.util.Arrays.copyOf(value, size);
        }
        for (int e = 0; e < columns.length; e++) {
          float f = (float) values[e];
          if (!Float.isFinite(f)) {
            throw new BadRowException(col, "Column " + col + " has " + f + " at index "
                + columns[e] + " of a row; features must be finite numbers (no NaN or"
                + " infinity)");
          }
          index[at] = columns[e];
          value[at++] = f;
        }
        start[r + 1] = at;
      }
      sparse = new Csr(n, inputs, start, index, value);
    } else {
      sparse = null;
      if (x.length < n * inputs) {
        x = new float[n * inputs];
      }
      for (int r = 0; r < n; r++) {
        Columns.features(features.apply(r), col, inputs, x, r * inputs, true);
      }
    }
  }

  /** True when the last chunk was read sparse. */
  public boolean isSparse() {
    return sparse != null;
  }

  /**
   * The outputs of the quantized model {@code q} for the loaded rows, which must have been read
   * dense (see {@link #FeatureChunk(Network, boolean)}).
   */
  public float[] forward(QuantizedForward q, Workspace ws) {
    if (sparse != null) {
      throw new IllegalStateException("a quantized forward pass reads dense inputs");
    }
    return q.forward(x, 0, rows, ws);
  }

  /** The network's outputs at Θ for the loaded rows (rows × M_L from offset 0 of the result). */
  public float[] forward(float[] theta, Workspace ws) {
    return sparse != null ? network.forward(theta, sparse, 0, rows, ws)
        : network.forward(theta, x, 0, rows, ws);
  }
}
