package org.sparkprop.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;
import java.io.UncheckedIOException;
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

  /** The bytes Java serialization writes for a {@code BulkFloats} of {@code length} floats. */
  static long serializedSize(int length) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 * length + 256);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new BulkFloats(new float[length]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.size();
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
