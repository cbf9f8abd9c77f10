package org.sparkprop.nn;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The stored form of a {@link QuantizedTheta}, big-endian like theta.bin, each block preceded by
 * its count: the weights (int8: one byte each; float16: two), the int8 row scales (float32; 0
 * of them for float16), the float32 parameters that are not connection weights. The type and
 * the network come from the model's metadata, and every count is checked against them.
 */
public final class QuantizedThetaCodec {

  private QuantizedThetaCodec() {}

  /** Writes {@code q} to {@code out} (not closed). */
  public static void write(QuantizedTheta q, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(out));
    if (q.type() == QuantizedType.INT8) {
      byte[] w = q.int8Weights();
      data.writeInt(w.length);
      data.write(w);
    } else {
      short[] w = q.float16Weights();
      data.writeInt(w.length);
      for (short h : w) {
        data.writeShort(h);
      }
    }
    writeFloats(data, q.scales());
    writeFloats(data, q.rest());
    data.flush();
  }

  /** The stored bytes of {@code q}. */
  public static byte[] encode(QuantizedTheta q) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      write(q, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads parameters of {@code type} for {@code layout}; {@code place} names the source in
   * messages. A count that does not match the network, or a short stream, is refused.
   */
  public static QuantizedTheta read(InputStream in, ThetaLayout layout, QuantizedType type,
      String place) throws IOException {
    DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in));
    try {
      byte[] q = new byte[0];
      short[] half = new short[0];
      int n = count(data, place, "weights", layout.size());
      if (type == QuantizedType.INT8) {
        q = new byte[n];
        data.readFully(q);
      } else {
        half = new short[n];
        for (int i = 0; i < n; i++) {
          half[i] = data.readShort();
        }
      }
      float[] scale = readFloats(data, place, "scales", layout.size());
      float[] rest = readFloats(data, place, "float parameters", layout.size());
      try {
        return new QuantizedTheta(layout, type, q, half, scale, rest);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(place + ": " + e.getMessage(), e);
      }
    } catch (EOFException e) {
      throw new IllegalArgumentException(place + " is truncated");
    }
  }

  /** Decodes {@link #encode}'s bytes. */
  public static QuantizedTheta decode(byte[] bytes, ThetaLayout layout, QuantizedType type,
      String place) {
    try {
      return read(new java.io.ByteArrayInputStream(bytes), layout, type, place);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int count(DataInputStream data, String place, String what, int max)
      throws IOException {
    int n = data.readInt();
    if (n < 0 || n > max) {
      throw new IllegalArgumentException(place + " declares " + n + " " + what
          + "; the network has " + max + " parameters in all");
    }
    return n;
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  private static float[] readFloats(DataInputStream in, String place, String what, int max)
      throws IOException {
    float[] values = new float[count(in, place, what, max)];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }
}
