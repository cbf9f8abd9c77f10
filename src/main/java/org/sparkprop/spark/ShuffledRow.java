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

  ShuffledRow(SampleRow row) {
    this.x = row.x();
    this.t = row.t();
    this.w = row.w();
  }

  SampleRow row() {
    return new SampleRow(x, t, w);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    FloatArrays.write(out, x);
    FloatArrays.write(out, t);
    out.writeFloat(w);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    x = FloatArrays.read(in);
    t = FloatArrays.read(in);
    w = in.readFloat();
  }
}
