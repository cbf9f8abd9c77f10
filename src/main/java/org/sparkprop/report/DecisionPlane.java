package org.sparkprop.report;

import java.io.Serializable;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.RowSample;
import org.sparkprop.train.Samples;
import org.sparkprop.train.ShardWorker;

/**
 * The plane of a two-input classifier coloured by its predicted class: an n × n grid over
 * [xMin, xMax] × [yMin, yMax], cell (i, j) (column i, row j) centred at x = xMin + (i + ½)·dx,
 * y = yMin + (j + ½)·dy, its class at {@code classes[j·n + i]}. Scored on the driver with the
 * model: its size is fixed, whatever the data.
 */
public record DecisionPlane(double xMin, double xMax, double yMin, double yMax, int n,
    int[] classes) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Cells per side of the grid a report draws. */
  public static final int CELLS = 160;

  public DecisionPlane {
    if (n < 1 || classes.length != n * n) {
      throw new IllegalArgumentException("a decision plane of " + n + " cells per side has "
          + classes.length + " classes; it needs " + n + "²");
    }
  }

  public double dx() {
    return (xMax - xMin) / n;
  }

  public double dy() {
    return (yMax - yMin) / n;
  }

  /**
   * The classes of {@code network} at Θ over the box of the sample's points widened by a tenth
   * on every side, {@link #CELLS} cells per side.
   */
  public static DecisionPlane score(Network network, float[] theta, RowSample sample) {
    if (network.spec().size(0) != 2 || sample.x().length == 0) {
      throw new IllegalArgumentException("a decision plane needs a network of 2 inputs and a"
          + " sample of its points; the network has " + network.spec().size(0) + " inputs");
    }
    double[] box = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int r = 0; r < sample.rows(); r++) {
      box[0] = Math.min(box[0], sample.x()[2 * r]);
      box[1] = Math.max(box[1], sample.x()[2 * r]);
      box[2] = Math.min(box[2], sample.x()[2 * r + 1]);
      box[3] = Math.max(box[3], sample.x()[2 * r + 1]);
    }
    double mx = Math.max(1e-6, (box[1] - box[0]) * 0.1);
    double my = Math.max(1e-6, (box[3] - box[2]) * 0.1);
    return score(network, theta, box[0] - mx, box[1] + mx, box[2] - my, box[3] + my, CELLS);
  }

  /** The classes of {@code network} at Θ over the given box, {@code n} cells per side. */
  public static DecisionPlane score(Network network, float[] theta, double xMin, double xMax,
      double yMin, double yMax, int n) {
    int c = network.spec().size(network.spec().depth());
    float[] x = new float[n * n * 2];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        x[2 * (j * n + i)] = (float) (xMin + (i + 0.5) * (xMax - xMin) / n);
        x[2 * (j * n + i) + 1] = (float) (yMin + (j + 0.5) * (yMax - yMin) / n);
      }
    }
    int[] classes = new int[n * n];
    new ShardWorker(network).forEachOutput(theta, new Samples(x, new float[n * n * c], n * n, 2,
        c), (from, rows, s) -> {
          for (int r = 0; r < rows; r++) {
            classes[from + r] = classOf(s, r, c);
          }
        });
    return new DecisionPlane(xMin, xMax, yMin, yMax, n, classes);
  }

  private static int classOf(float[] s, int r, int c) {
    if (c == 1) {
      return s[r] >= 0.5f ? 1 : 0;
    }
    int best = 0;
    for (int k = 1; k < c; k++) {
      if (s[r * c + k] > s[r * c + best]) {
        best = k;
      }
    }
    return best;
  }
}
