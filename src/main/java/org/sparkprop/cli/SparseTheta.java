package org.sparkprop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sparkprop.nn.SparseThetaCodec;

/**
 * Θ of a pruned model in a model directory, without its zeros: {@value #FILE} holds
 * {@link SparseThetaCodec}'s encoding. Used when at least half of Θ is 0 ({@link #smaller}).
 */
final class SparseTheta {

  /** The file's name in the model directory. */
  static final String FILE = "theta.sparse.bin";

  private SparseTheta() {}

  /** Bytes of the sparse file for {@code theta}. */
  static long bytes(float[] theta) {
    return SparseThetaCodec.bytes(theta);
  }

  /** Whether Θ is stored sparse: see {@link SparseThetaCodec#smaller}. */
  static boolean smaller(float[] theta) {
    return SparseThetaCodec.smaller(theta);
  }

  static void write(FileSystem fs, Path file, float[] theta) throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      SparseThetaCodec.write(theta, out);
    }
  }

  /**
   * Reads Θ of {@code expected} entries.
   *
   * @throws IllegalArgumentException when the file declares another length, its bitmap and its
   *     count disagree, or it is truncated
   */
  static float[] read(FileSystem fs, Path file, int expected) throws IOException {
    try (InputStream in = fs.open(file)) {
      return SparseThetaCodec.read(in, expected, file.toString());
    }
  }
}
