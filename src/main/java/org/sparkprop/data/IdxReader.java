package org.sparkprop.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: an images file (magic 2051, then count, rows,
 * columns as big-endian ints, then one unsigned byte per pixel) and a labels file (magic 2049,
 * count, one unsigned byte per label).
 *
 * <p>Files may be gzipped or not. Compression is detected from the gzip magic bytes {@code 1f 8b},
 * not from the file name, because people unpack the downloads and keep or drop the {@code .gz}
 * suffix inconsistently.
 *
 * <p>The data part is read with one bulk {@code readNBytes} into a byte array and converted through
 * a 256-entry lookup table, so Fashion-MNIST (60,000 × 784) loads in a fraction of a second; the
 * time is dominated by gunzip.
 */
public final class IdxReader {

  /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  private static final String IMAGES_PART = "images-idx3";
  private static final String LABELS_PART = "labels-idx1";
  private static final int BUFFER = 1 << 16;

  /** Pixel value for each unsigned byte, raw (0..255) and scaled (b / 255 in [0, 1]). */
  private static final float[] UNSCALED = new float[256];
  private static final float[] SCALED = new float[256];

  static {
    for (int b = 0; b < 256; b++) {
      UNSCALED[b] = b;
      SCALED[b] = b / 255f;
    }
  }

  private IdxReader() {}

  /**
   * Reads an images file and its labels file into one data set with one row per image, its
   * pixels in row-major order as the features.
   *
   * @param scale {@code true} to divide pixels by 255 into [0, 1]; {@code false} keeps 0..255
   * @throws DataFormatException if a file is missing, not IDX, truncated, a corrupt gzip, or the
   *     two files disagree on the number of items
   */
  public static RawData read(Path images, Path labels, boolean scale) {
    Images img = readImages(images, scale);
    float[] lab = readLabels(labels);
    if (img.count() != lab.length) {
      throw new DataFormatException(
          "images file " + images + " has " + img.count() + " images but labels file " + labels
              + " has " + lab.length + " labels");
    }
    return new RawData(img.pixels(), img.count(), img.pixelsPerImage(), lab, images.toString());
  }

  /**
   * The labels file that goes with an images file by the MNIST naming convention: {@code
   * train-images-idx3-ubyte.gz} → {@code train-labels-idx1-ubyte.gz}, in the same directory.
   *
   * @throws DataFormatException if the file name does not contain {@code images-idx3}
   */
  public static Path labelsFor(Path images) {
    Path name = images.getFileName();
    if (name == null || !name.toString().contains(IMAGES_PART)) {
      throw new DataFormatException(
          "cannot derive the labels file from " + images + ": its name does not contain '"
              + IMAGES_PART + "' (give the labels file explicitly)");
    }
    return images.resolveSibling(name.toString().replace(IMAGES_PART, LABELS_PART));
  }

  private record Images(float[] pixels, int count, int pixelsPerImage) {}

  private static Images readImages(Path file, boolean scale) {
    try (DataInputStream in = open(file)) {
      checkMagic(file, in, IMAGES_MAGIC, "images");
      int count = readDimension(file, in, "image count");
      int rows = readDimension(file, in, "rows");
      int cols = readDimension(file, in, "columns");
      if (rows == 0 || cols == 0) {
        throw new DataFormatException(
            "images file " + file + " declares images of " + rows + "×" + cols + " pixels");
      }
      long perImage = (long) rows * cols;
      long total = perImage * count;
      if (perImage > Integer.MAX_VALUE || total > Integer.MAX_VALUE - 8) {
        throw new DataFormatException(
            "images file " + file + " declares " + count + " images of " + rows + "×" + cols
                + " pixels, too many for one array");
      }
      byte[] bytes = readData(file, in, (int) total, "pixel");
      float[] table = scale ? SCALED : UNSCALED;
      float[] pixels = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        pixels[i] = table[bytes[i] & 0xff];
      }
      return new Images(pixels, count, (int) perImage);
    } catch (IOException e) {
      throw readError(file, e);
    }
  }

  private static float[] readLabels(Path file) {
    try (DataInputStream in = open(file)) {
      checkMagic(file, in, LABELS_MAGIC, "labels");
      int count = readDimension(file, in, "label count");
      byte[] bytes = readData(file, in, count, "label");
      float[] labels = new float[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i] & 0xff;
      }
      return labels;
    } catch (IOException e) {
      throw readError(file, e);
    }
  }

  /** Opens a file, unzipping it when it starts with the gzip magic bytes. */
  private static DataInputStream open(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new DataFormatException("IDX file not found: " + file);
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, BUFFER) : raw;
      return new DataInputStream(in);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static void checkMagic(Path file, DataInputStream in, int expected, String kind)
      throws IOException {
    int magic = readHeaderInt(file, in, "magic number");
    if (magic != expected) {
      throw new DataFormatException(
          "file " + file + " is not an IDX " + kind + " file: magic number is " + magic
              + " (0x" + Integer.toHexString(magic) + "), expected " + expected + " (0x"
              + Integer.toHexString(expected) + ")" + swapHint(magic));
    }
  }

  private static String swapHint(int magic) {
    return magic == IMAGES_MAGIC
        ? "; this looks like an images file"
        : magic == LABELS_MAGIC ? "; this looks like a labels file" : "";
  }

  private static int readDimension(Path file, DataInputStream in, String what) throws IOException {
    int v = readHeaderInt(file, in, what);
    if (v < 0) {
      throw new DataFormatException("IDX file " + file + " has a negative " + what + ": " + v);
    }
    return v;
  }

  private static int readHeaderInt(Path file, DataInputStream in, String what) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DataFormatException(
          "IDX file " + file + " is truncated: it ends inside the header, before the " + what, e);
    }
  }

  private static byte[] readData(Path file, InputStream in, int length, String what)
      throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new DataFormatException(
          "IDX file " + file + " is truncated: expected " + length + " bytes of " + what
              + " data, found " + bytes.length);
    }
    // Reading on to the end also makes a gzip stream verify its CRC and length trailer.
    if (in.read() != -1) {
      throw new DataFormatException(
          "IDX file " + file + " has more data than its header declares (" + length
              + " bytes of " + what + " data): wrong header or concatenated files?");
    }
    return bytes;
  }

  /**
   * Gzip damage shows up as a {@link ZipException} (bad header, bad CRC, invalid deflate data) or
   * an {@link EOFException} from the inflater (the compressed stream stops early).
   */
  private static RuntimeException readError(Path file, IOException e) {
    if (e instanceof ZipException) {
      return new DataFormatException(
          "file " + file + " is a corrupt gzip stream: " + e.getMessage(), e);
    }
    if (e instanceof EOFException) {
      return new DataFormatException(
          "file " + file + " is a corrupt or truncated gzip stream: " + e.getMessage(), e);
    }
    if (e instanceof NoSuchFileException) {
      return new DataFormatException("IDX file not found: " + file, e);
    }
    return new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
  }
}
