package org.sparkprop.tensor;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes and reads float arrays as raw little-endian bytes through Java serialization streams, in
 * chunks. {@code ObjectOutputStream} writes a {@code float[]} one element at a time (a bit shift
 * per byte), which made serializing Θ and the gradient sums the largest CPU cost of a Spark update;
 * a bulk copy through a {@link ByteBuffer} view is several times faster and gives the same bits.
 */
public final class FloatArrays {

  /** Floats per chunk: a 64 KiB buffer, so large arrays need no second full-size copy. */
  private static final int CHUNK = 16 * 1024;

  private FloatArrays() {}

  /** Writes the length of {@code a} (−1 for null) and then its elements. */
  public static void write(ObjectOutput out, float[] a) throws IOException {
    if (a == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(a.length);
    byte[] bytes = new byte[4 * Math.min(CHUNK, a.length)];
    ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      view.clear();
      view.asFloatBuffer().put(a, from, n);
      out.write(bytes, 0, 4 * n);
    }
  }

  /** Reads an array written by {@link #write} (null if it was null). */
  public static float[] read(ObjectInput in) throws IOException {
    int length = in.readInt();
    if (length < -1) {
      throw new IOException("corrupt float array: length " + length);
    }
    if (length == -1) {
      return null;
    }
    float[] a = new float[length];
    byte[] bytes = new byte[4 * Math.min(CHUNK, length)];
    ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < length; from += CHUNK) {
      int n = Math.min(CHUNK, length - from);
      in.readFully(bytes, 0, 4 * n);
      view.clear();
      view.asFloatBuffer().get(a, from, n);
    }
    return a;
  }

  /** Writes the length of {@code a} (−1 for null) and then its elements, as {@link #write}. */
  public static void writeInts(ObjectOutput out, int[] a) throws IOException {
    if (a == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(a.length);
    byte[] bytes = new byte[4 * Math.min(CHUNK, a.length)];
    ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      view.clear();
      view.asIntBuffer().put(a, from, n);
      out.write(bytes, 0, 4 * n);
    }
  }

  /** Reads an array written by {@link #writeInts} (null if it was null). */
  public static int[] readInts(ObjectInput in) throws IOException {
    int length = in.readInt();
    if (length < -1) {
      throw new IOException("corrupt int array: length " + length);
    }
    if (length == -1) {
      return null;
    }
    int[] a = new int[length];
    byte[] bytes = new byte[4 * Math.min(CHUNK, length)];
    ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < length; from += CHUNK) {
      int n = Math.min(CHUNK, length - from);
      in.readFully(bytes, 0, 4 * n);
      view.clear();
      view.asIntBuffer().get(a, from, n);
    }
    return a;
  }
}
