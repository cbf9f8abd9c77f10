package org.sparkprop.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;
import org.sparkprop.tensor.FloatArrays;

/**
 * A {@link SampleRow} on its way through the shuffle that spreads rows over the shards. Java
 * serialization reads a record through its canonical constructor and writes a {@code float[]}
 * element by element; this writes x and t in bulk ({@link FloatArrays}) and w as one float, so
 * the same bits arrive at a fraction of the cost.
 */
final class ShuffledRow implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ObjectStreamField[] serialPersistentFields = {};

  private float[] x;
  private float[] t;
  private float w;
  /** The columns of a sparse row's values x, or null for a dense row. */
  private int[] index;

  ShuffledRow(SampleRow row) {
    this.x = row.x();
    this.t = row.t();
    this.w = row.w();
    this.index = row.index();
  }

  SampleRow row() {
    return new SampleRow(x, t, w, index);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    FloatArrays.write(out, x);
    FloatArrays.write(out, t);
    out.writeFloat(w);
    FloatArrays.writeInts(out, index);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    x = FloatArrays.read(in);
    t = FloatArrays.read(in);
    w = in.readFloat();
    index = FloatArrays.readInts(in);
    if (index != null && index.length != x.length) {
      throw new java.io.InvalidObjectException("corrupt sparse row: " + index.length
          + " columns for " + x.length + " values");
    }
  }

  /** Packs shuffled rows of {@code inputs} inputs and {@code outputs} targets, checking sizes. */
  record Writer(int inputs, int outputs) implements SampleWriter<ShuffledRow> {

    @Override
    public float write(ShuffledRow row, float[] x, int xAt, float[] t, int tAt) {
      if ((row.index == null && row.x.length != inputs) || row.t.length != outputs) {
        throw new IllegalArgumentException("a row has " + row.x.length + " inputs and "
            + row.t.length + " targets; expected " + inputs + " and " + outputs);
      }
      if (row.index != null) {
        java.util.Arrays.fill(x, xAt, xAt + inputs, 0f);
        for (int e = 0; e < row.index.length; e++) {
          int j = row.index[e];
          if (j < 0 || j >= inputs) {
            throw new IllegalArgumentException("a sparse row stores column " + j
                + "; columns must be in [0, " + inputs + ")");
          }
          x[xAt + j] = row.x[e];
        }
      } else {
        System.arraycopy(row.x, 0, x, xAt, inputs);
      }
      System.arraycopy(row.t, 0, t, tAt, outputs);
      return row.w;
    }

    /** The row itself, as it arrived (no copy). */
    @Override
    public SampleRow row(ShuffledRow row) {
      return row.row();
    }
  }
}
