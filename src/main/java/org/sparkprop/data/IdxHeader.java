package org.sparkprop.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The header of one IDX file on any Hadoop file system, read and checked on the driver before any
 * Spark job: magic number, item count and, for images, rows and columns (big-endian ints).
 *
 * <p>Compression is detected from the gzip magic bytes {@code 1f 8b}, not from the name, as
 * {@link IdxReader} does. For an uncompressed file the length is checked against the header here,
 * so a truncated or over-long file fails before any task starts; a gzipped file can only be
 * checked by reading it to the end, which its reading task does.
 *
 * @param file the file, as a URI string (for messages and for the tasks to open it)
 * @param count number of items (images or labels)
 * @param itemBytes bytes per item: rows × columns for images, 1 for labels
 * @param headerBytes bytes before the first item: 16 for images, 8 for labels
 * @param gzipped whether the file is a gzip stream
 * @param rows rows of an image (1 for labels)
 * @param columns columns of an image (1 for labels)
 */
record IdxHeader(String file, int count, int itemBytes, int headerBytes, boolean gzipped,
    int rows, int columns) implements Serializable {

  private static final int BUFFER = 1 << 16;

  /** Reads and checks the header of an images file (magic 2051). */
  static IdxHeader images(Path file, Configuration conf) {
    return read(file, conf, IdxReader.IMAGES_MAGIC, "images");
  }

  /** Reads and checks the header of a labels file (magic 2049). */
  static IdxHeader labels(Path file, Configuration conf) {
    return read(file, conf, IdxReader.LABELS_MAGIC, "labels");
  }

  /** Byte offset of item {@code index} in the (uncompressed) data. */
  long offset(long index) {
    return headerBytes + index * itemBytes;
  }

  private static IdxHeader read(Path file, Configuration conf, int magic, String kind) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (!fs.exists(file)) {
        throw new DataFormatException("IDX file not found: " + file);
      }
      String name = fs.makeQualified(file).toString();
      try (InputStream raw = new BufferedInputStream(fs.open(file), BUFFER)) {
        boolean gzipped = isGzip(raw);
        DataInputStream in = new DataInputStream(gzipped ? new GZIPInputStream(raw, BUFFER) : raw);
        checkMagic(file, in, magic, kind);
        IdxHeader header;
        if (magic == IdxReader.IMAGES_MAGIC) {
          int count = dimension(file, in, "image count");
          int rows = dimension(file, in, "rows");
          int cols = dimension(file, in, "columns");
          if (rows == 0 || cols == 0) {
            throw new DataFormatException(
                "images file " + file + " declares images of " + rows + "×" + cols + " pixels");
          }
          if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new DataFormatException("images file " + file + " declares images of " + rows
                + "×" + cols + " pixels, too many for one row");
          }
          header = new IdxHeader(name, count, rows * cols, 16, gzipped, rows, cols);
        } else {
          header = new IdxHeader(name, dimension(file, in, "label count"), 1, 8, gzipped, 1,
              1);
        }
        if (!gzipped) {
          header.checkLength(fs.getFileStatus(file).getLen(), kind);
        }
        return header;
      }
    } catch (ZipException e) {
      throw new DataFormatException("file " + file + " is a corrupt gzip stream: " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** An uncompressed file holds exactly its header and {@code count × itemBytes} bytes of data. */
  private void checkLength(long length, String kind) {
    long expected = offset(count);
    if (length < expected) {
      throw new DataFormatException("IDX file " + file + " is truncated: expected "
          + (expected - headerBytes) + " bytes of " + kind + " data, found "
          + (length - headerBytes));
    }
    if (length > expected) {
      throw new DataFormatException("IDX file " + file + " has more data than its header declares ("
          + (expected - headerBytes) + " bytes of " + kind
          + " data): wrong header or concatenated files?");
    }
  }

  /** Whether the stream starts with the gzip magic bytes; leaves the stream where it was. */
  static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b;
  }

  private static void checkMagic(Path file, DataInputStream in, int expected, String kind)
      throws IOException {
    int magic = headerInt(file, in, "magic number");
    if (magic != expected) {
      String hint = magic == IdxReader.IMAGES_MAGIC ? "; this looks like an images file"
          : magic == IdxReader.LABELS_MAGIC ? "; this looks like a labels file" : "";
      throw new DataFormatException(
          "file " + file + " is not an IDX " + kind + " file: magic number is " + magic
              + " (0x" + Integer.toHexString(magic) + "), expected " + expected + " (0x"
              + Integer.toHexString(expected) + ")" + hint);
    }
  }

  private static int dimension(Path file, DataInputStream in, String what) throws IOException {
    int v = headerInt(file, in, what);
    if (v < 0) {
      throw new DataFormatException("IDX file " + file + " has a negative " + what + ": " + v);
    }
    return v;
  }

  private static int headerInt(Path file, DataInputStream in, String what) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DataFormatException(
          "IDX file " + file + " is truncated: it ends inside the header, before the " + what, e);
    }
  }
}
