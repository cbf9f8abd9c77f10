package org.sparkprop.spark;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The layout of a checkpoint's {@code arrays.bin}. From format version 4: the magic
 * {@value #MAGIC_TEXT}, the format version, the CRC32C of {@code state.json}, the number of
 * arrays, each array as its length and its values (big-endian int32 and float32), and last the
 * CRC32C of every byte before it. Versions 1 to 3 hold only the count and the arrays. Every
 * length is checked against the bytes left in the file before anything is allocated.
 */
final class CheckpointArrays {

  static final String MAGIC_TEXT = "SPKA";
  private static final int MAGIC = 0x53504b41;
  private static final int CHUNK = 1 << 16;

  /** The arrays read back, and the checksum of state.json they were written with. */
  record Read(int stateChecksum, List<float[]> arrays) {}

  private CheckpointArrays() {}

  /** Writes the version-{@code version} layout; returns nothing, closes nothing. */
  static void write(OutputStream raw, int version, int stateChecksum, List<float[]> arrays)
      throws IOException {
    CheckedOutputStream out = new CheckedOutputStream(raw, new CRC32C());
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    buffer.putInt(MAGIC).putInt(version).putInt(stateChecksum).putInt(arrays.size());
    for (float[] a : arrays) {
      buffer = room(out, buffer, 4);
      buffer.putInt(a.length);
      for (int i = 0; i < a.length; ) {
        buffer = room(out, buffer, 4);
        int n = Math.min(a.length - i, buffer.remaining() / 4);
        buffer.asFloatBuffer().put(a, i, n);
        buffer.position(buffer.position() + 4 * n);
        i += n;
      }
    }
    flush(out, buffer);
    int crc = (int) out.getChecksum().getValue();
    raw.write(ByteBuffer.allocate(4).putInt(crc).array());
    raw.flush();
  }

  private static ByteBuffer room(OutputStream out, ByteBuffer buffer, int bytes)
      throws IOException {
    if (buffer.remaining() < bytes) {
      flush(out, buffer);
    }
    return buffer;
  }

  private static void flush(OutputStream out, ByteBuffer buffer) throws IOException {
    out.write(buffer.array(), 0, buffer.position());
    buffer.clear();
  }

  /**
   * Reads a file of {@code length} bytes in the layout of {@code version} (1 to 4), checking its
   * lengths and, from version 4, its checksum.
   *
   * @throws CorruptCheckpointException when it does not hold what it declares
   */
  static Read read(InputStream raw, long length, int version, String where) throws IOException {
    CheckedInputStream checked = new CheckedInputStream(raw, new CRC32C());
    DataInputStream in = new DataInputStream(checked);
    long left = length - (version >= 4 ? 4 : 0);
    try {
      int stateChecksum = 0;
      if (version >= 4) {
        left = need(left, 12, where, "its header");
        int magic = in.readInt();
        int written = in.readInt();
        if (magic != MAGIC || written != version) {
          throw new CorruptCheckpointException(where, "it does not start with " + MAGIC_TEXT
              + " and format version " + version);
        }
        stateChecksum = in.readInt();
      }
      left = need(left, 4, where, "the number of arrays");
      int count = in.readInt();
      if (count < 0 || count > left / 4) {
        throw new CorruptCheckpointException(where, "it declares " + count + " arrays, but "
            + left + " bytes are left (at most " + left / 4 + " arrays)");
      }
      List<float[]> arrays = new ArrayList<>(count);
      byte[] chunk = new byte[CHUNK];
      for (int a = 0; a < count; a++) {
        left = need(left, 4, where, "the length of array " + a);
        int n = in.readInt();
        if (n < 0 || n > left / 4) {
          throw new CorruptCheckpointException(where, "array " + a + " declares " + n
              + " values, but " + left + " bytes are left (0 to " + left / 4 + " values)");
        }
        left -= 4L * n;
        float[] values = new float[n];
        for (int i = 0; i < n; ) {
          int m = Math.min(n - i, CHUNK / 4);
          in.readFully(chunk, 0, 4 * m);
          ByteBuffer.wrap(chunk, 0, 4 * m).asFloatBuffer().get(values, i, m);
          i += m;
        }
        arrays.add(values);
      }
      if (left != 0) {
        throw new CorruptCheckpointException(where, left + " bytes after the last array");
      }
      if (version >= 4) {
        int computed = (int) checked.getChecksum().getValue();
        int stored = new DataInputStream(raw).readInt();
        if (stored != computed) {
          throw new CorruptCheckpointException(where, String.format(
              "CRC32C %08x does not match the stored %08x", computed, stored));
        }
      }
      return new Read(stateChecksum, arrays);
    } catch (EOFException e) {
      throw new CorruptCheckpointException(where, "it is shorter than it declares");
    }
  }

  private static long need(long left, int bytes, String where, String what) {
    if (left < bytes) {
      throw new CorruptCheckpointException(where, "it ends before " + what);
    }
    return left - bytes;
  }

  /**
   * The format version in the header of a file from version 4 on (every later version keeps the
   * magic and the version first), or empty when it does not start with the magic.
   */
  static OptionalInt headerVersion(InputStream raw) throws IOException {
    byte[] header = raw.readNBytes(8);
    if (header.length < 8) {
      return OptionalInt.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(header);
    return b.getInt() == MAGIC ? OptionalInt.of(b.getInt()) : OptionalInt.empty();
  }

  /** The CRC32C of {@code bytes}. */
  static int checksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }
}
