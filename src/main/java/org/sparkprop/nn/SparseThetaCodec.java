package org.sparkprop.nn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Θ of a pruned model without its zeros: D and the count of stored entries (big-endian int32
 * each), a bitmap of D bits (bit i of byte i/8, least significant first, set where θ_i is
 * stored), then the stored values as big-endian float32 in index order. Every entry whose bits
 * are not those of +0 is stored (so −0 is kept): what is read back is Θ bit for bit. Worth it
 * when at least half of Θ is 0 ({@link #smaller}).
 */
public final class SparseThetaCodec {

  private SparseThetaCodec() {}

  /** Bytes of the encoding of {@code theta}. */
  public static long bytes(float[] theta) {
    return 8L + (theta.length + 7) / 8 + 4L * stored(theta);
  }

  /**
   * Whether Θ is stored sparse: when at least half of it is 0, as after pruning (the encoding is
   * then at most 53 % of the dense 4·D bytes). Freshly initialized biases alone never are.
   */
  public static boolean smaller(float[] theta) {
    return 2L * stored(theta) <= theta.length;
  }

  private static int stored(float[] theta) {
    int n = 0;
    for (float v : theta) {
      if (Float.floatToRawIntBits(v) != 0) {
        n++;
      }
    }
    return n;
  }

  /** Writes the encoding of {@code theta} to {@code raw} (not closed). */
  public static void write(float[] theta, OutputStream raw) throws IOException {
    byte[] bitmap = new byte[(theta.length + 7) / 8];
    for (int i = 0; i < theta.length; i++) {
      if (Float.floatToRawIntBits(theta[i]) != 0) {
        bitmap[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
    out.writeInt(theta.length);
    out.writeInt(stored(theta));
    out.write(bitmap);
    for (float v : theta) {
      if (Float.floatToRawIntBits(v) != 0) {
        out.writeFloat(v);
      }
    }
    out.flush();
  }

  /** The encoding of {@code theta} as bytes. */
  public static byte[] encode(float[] theta) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) bytes(theta));
    try {
      write(theta, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Reads Θ of {@code expected} entries from {@code raw}; {@code source} names it in messages.
   *
   * @throws IllegalArgumentException when the encoding declares another length, its bitmap and
   *     its count disagree, or it is truncated
   */
  public static float[] read(InputStream raw, int expected, String source) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw));
    try {
      int length = in.readInt();
      if (length != expected) {
        throw new IllegalArgumentException(source + " holds " + length + " parameters; the"
            + " network needs " + expected);
      }
      int count = in.readInt();
      byte[] bitmap = new byte[(length + 7) / 8];
      in.readFully(bitmap);
      int set = 0;
      for (byte b : bitmap) {
        set += Integer.bitCount(b & 0xff);
      }
      if (set != count || count < 0 || count > length) {
        throw new IllegalArgumentException(source + " declares " + count + " stored values but"
            + " its bitmap marks " + set + "; they must be equal and at most " + length);
      }
      float[] theta = new float[length];
      for (int i = 0; i < length; i++) {
        if ((bitmap[i >>> 3] & (1 << (i & 7))) != 0) {
          theta[i] = in.readFloat();
        }
      }
      return theta;
    } catch (EOFException e) {
      throw new IllegalArgumentException(source + " is truncated");
    }
  }

  /** Θ of {@code expected} entries from its encoding {@code bytes}. */
  public static float[] decode(byte[] bytes, int expected, String source) {
    try {
      return read(new ByteArrayInputStream(bytes), expected, source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
