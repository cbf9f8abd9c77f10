package org.sparkprop.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.sparkprop.train.GradientSum;

/**
 * A {@link GradientSum} as raw little-endian bytes (its figures and the sending task's compute
 * time, then its gradient in bulk), and
 * length-prefixed on a stream: what a barrier stage's tasks and the driver's {@link SumHub}
 * exchange. Reading gives back the same bits.
 */
final class SumBytes {

  /** flag, loss, count, weight, correct, compute nanoseconds, gradient length. */
  private static final int HEADER = 1 + 8 + 8 + 8 + 8 + 8 + 4;

  /** The length that tells tasks to end their run before the batch ({@link SumHub}). */
  static final int STOP = -2;

  /**
   * The length that says the sum went by reference ({@link LocalSums}): the task runs in the
   * driver's JVM.
   */
  static final int BY_REFERENCE = -3;

  private SumBytes() {}

  /** {@code sum} as bytes. */
  static byte[] encode(GradientSum sum) {
    float[] g = sum.gradient();
    int n = g == null ? 0 : g.length;
    ByteBuffer b = ByteBuffer.allocate(HEADER + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) (g == null ? 0 : 1)).putDouble(sum.loss()).putLong(sum.count())
        .putDouble(sum.weight()).putLong(sum.correct()).putLong(sum.computeNanos()).putInt(n);
    if (g != null) {
      b.asFloatBuffer().put(g);
    }
    return b.array();
  }

  /** The sum that {@link #encode} wrote. */
  static GradientSum decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    boolean hasGradient = b.get() != 0;
    double loss = b.getDouble();
    long count = b.getLong();
    double weight = b.getDouble();
    long correct = b.getLong();
    long compute = b.getLong();
    int n = b.getInt();
    GradientSum sum = new GradientSum();
    if (hasGradient) {
      b.position(HEADER);
      b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(sum.gradient(n));
    }
    sum.addStatistics(loss, count, weight, correct);
    sum.taskTimes(0, compute);
    return sum;
  }

  /** Writes {@code bytes} with its length first. */
  static void write(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
  }

  /**
   * Reads what {@link #write} wrote; null for a negative length (the end of a run of batches,
   * {@code writeInt(-1)}, or a request to end it, {@link #STOP}).
   */
  static byte[] read(DataInputStream in) throws IOException {
    int n = in.readInt();
    return n < 0 ? null : body(in, n);
  }

  /** The {@code n} bytes that follow a length {@code n} that {@link #write} wrote. */
  static byte[] body(DataInputStream in, int n) throws IOException {
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return bytes;
  }
}
