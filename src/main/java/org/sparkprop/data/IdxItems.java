package org.sparkprop.data;

import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function0;

/**
 * An IDX data set as its items' bytes, read on the executors in file order ({@link
 * DataSources#readIdx}): each item is the {@code pixels} pixel bytes, the label byte, then the
 * item's index in the files as 8 big-endian bytes. The typed path from the files to samples: a
 * pixel becomes its feature value through {@link #pixelValues}, with no row and no vector of
 * doubles in between, and the values are those of the rows of {@link DataSources#readWithLabels}.
 *
 * @param items the items, lazily read
 * @param pixels the pixels per item, at least 1
 * @param scale whether the features are the pixels divided by 255
 * @param source the images file, used in messages
 * @param partitionRows the items in each partition of {@code items}, known from the header
 * @param whole when a file is gzipped, so that one task reads both from start to end before
 *     {@code items} spreads them: a reader of every item in file order, opened on an executor;
 *     null when both files are uncompressed (read by row ranges)
 */
public record IdxItems(JavaRDD<byte[]> items, int pixels, boolean scale, String source,
    long[] partitionRows, Function0<Iterator<byte[]>> whole) {

  /** Copies the counts. */
  public IdxItems {
    partitionRows = partitionRows.clone();
  }

  /** The items in each partition (a copy). */
  @Override
  public long[] partitionRows() {
    return partitionRows.clone();
  }

  /** The label byte of {@code item}, 0 to 255. */
  public static int label(byte[] item, int pixels) {
    return item[pixels] & 0xff;
  }

  /** The 0-based index of {@code item} in its files. */
  public static long index(byte[] item, int pixels) {
    long r = 0;
    for (int i = pixels + 1; i < pixels + 9; i++) {
      r = (r << 8) | (item[i] & 0xff);
    }
    return r;
  }

  /**
   * The float feature value of each pixel byte b (index b & 0xff): b / 255f when scaled, else b,
   * the same floats as the rows' doubles narrowed to float.
   */
  public static float[] pixelValues(boolean scale) {
    float[] v = new float[256];
    for (int b = 0; b < 256; b++) {
      v[b] = scale ? b / 255f : b;
    }
    return v;
  }
}
