package org.sparkprop.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;
import org.sparkprop.tensor.FloatArrays;

/**
 * A float array to broadcast (Θ): Java serialization writes a bare {@code float[]} element by
 * element, this one writes it in bulk ({@link FloatArrays}). The array is not {@code transient},
 * so field-walking serializers (Kryo) carry it as well.
 */
final class BulkFloats implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ObjectStreamField[] serialPersistentFields = {};

  private float[] values;

  BulkFloats(float[] values) {
    this.values = values;
  }

  float[] values() {
    return values;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    FloatArrays.write(out, values);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    values = FloatArrays.read(in);
  }
}
