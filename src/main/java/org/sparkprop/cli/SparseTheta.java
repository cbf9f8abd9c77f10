package org.sparkprop.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Θ of a pruned model, stored without its zeros: {@value #FILE} holds D and the count of stored
 * entries (big-endian int32 each), a bitmap of D bits (bit i of byte i/8, least significant first,
 * set where θ_i is stored), then the stored values as big-endian float32 in index order. Every
 * entry whose bits are not those of +0 is stored (so −0 is kept): what is read back is Θ bit for
 * bit. Used when at least half of Θ is 0 ({@link #smaller}).
 */
final class SparseTheta {

  /** The file's name in the model directory. */
  static final String FILE = "theta.sparse.bin";

  private SparseTheta() {}

  /** Bytes of the sparse file for {@code theta}. */
  static long bytes(float[] theta) {
    return 8L + (theta.length + 7) / 8 + 4L * stored(theta);
  }

  /**
   * Whether Θ is stored sparse: when at least half of it is 0, as after pruning (the file is then
   * at most 53 % of the dense one, 4 + 4·D bytes). Freshly initialized biases alone never are.
   */
  static boolean smaller(float[] theta) {
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

  static void write(FileSystem fs, Path file, float[] theta) throws IOException {
    byte[] bitmap = new byte[(theta.length + 7) / 8];
    for (int i = 0; i < theta.length; i++) {
      if (Float.floatToRawIntBits(theta[i]) != 0) {
        bitmap[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    try (OutputStream raw = fs.create(file, false);
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
      out.writeInt(theta.length);
      out.writeInt(stored(theta));
      out.write(bitmap);
      for (float v : theta) {
        if (Float.floatToRawIntBits(v) != 0) {
          out.writeFloat(v);
        }
      }
    }
  }

  /**
   * Reads Θ of {@code expected} entries.
   *
   * @throws IllegalArgumentException when the file declares another length, its bitmap and its
   *     count disagree, or it is truncated
   */
  static float[] read(FileSystem fs, Path file, int expected) throws IOException {
    try (InputStream raw = fs.open(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      int length = in.readInt();
      if (length != expected) {
        throw new IllegalArgumentException(file + " holds " + length + " parameters; the"
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
        throw new IllegalArgumentException(file + " declares " + count + " stored values but"
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
      throw new IllegalArgumentException(file + " is truncated");
    }
  }
}
