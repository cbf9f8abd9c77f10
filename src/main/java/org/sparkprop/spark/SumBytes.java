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
    byte[] framed = frame(sum, null);
    return java.util.Arrays.copyOfRange(framed, 4, framed.length);
  }

  /**
   * {@code sum} as a frame: its length (a big-endian int, as {@link DataOutputStream#writeInt}
   * writes it) and then its bytes, in {@code reuse} when that has the frame's size, else in a
   * new array. {@link #send} writes it with one write, so the length does not travel as a
   * segment of its own that wakes the reader before the sum has come.
   */
  static byte[] frame(GradientSum sum, byte[] reuse) {
    float[] g = sum.gradient();
    int n = g == null ? 0 : g.length;
    int size = 4 + HEADER + 4 * n;
    byte[] frame = reuse != null && reuse.length == size ? reuse : new byte[size];
    ByteBuffer.wrap(frame).putInt(HEADER + 4 * n);
    ByteBuffer b = ByteBuffer.wrap(frame, 4, size - 4).slice().order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) (g == null ? 0 : 1)).putDouble(sum.loss()).putLong(sum.count())
        .putDouble(sum.weight()).putLong(sum.correct()).putLong(sum.computeNanos()).putInt(n);
    if (g != null) {
      b.asFloatBuffer().put(g);
    }
    return frame;
  }

  /** Writes a {@link #frame} and flushes: what {@link #write} writes, in one write. */
  static void send(DataOutputStream out, byte[] frame) throws IOException {
    out.write(frame);
    out.flush();
  }

  /** The sum that {@link #encode} wrote. */
  static GradientSum decode(byte[] bytes) {
    return decode(bytes, bytes.length, new GradientSum());
  }

  /**
   * The sum that {@link #encode} wrote into the first {@code length} bytes of {@code bytes},
   * read into {@code into} (emptied first; its gradient array is kept when of the right size).
   */
  static GradientSum decode(byte[] bytes, int length, GradientSum into) {
    ByteBuffer b = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    boolean hasGradient = b.get() != 0;
    double loss = b.getDouble();
    long count = b.getLong();
    double weight = b.getDouble();
    long correct = b.getLong();
    long compute = b.getLong();
    int n = b.getInt();
    GradientSum sum = into.reset();
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

  /**
   * As {@link #body}, into {@code reuse} when it holds at least {@code n} bytes (the first
   * {@code n} are read), else into a new array.
   */
  static byte[] body(DataInputStream in, int n, byte[] reuse) throws IOException {
    byte[] bytes = reuse != null && reuse.length >= n ? reuse : new byte[n];
    in.readFully(bytes, 0, n);
    return bytes;
  }
}
