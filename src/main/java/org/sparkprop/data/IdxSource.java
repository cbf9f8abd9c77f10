package org.sparkprop.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;
import scala.Tuple2;

/**
 * Reads an IDX images file and its labels file (the format of {@link IdxReader}) on the executors,
 * from any Hadoop file system, into rows of {@link DataSources#FEATURES} (the pixels in row-major
 * order, divided by 255 when scaled), {@link DataSources#LABEL} and {@link DataSources#ROW} (the
 * index in the files). The rows are in file order and hold the same numbers as {@link
 * IdxReader#read}.
 *
 * <p>The driver reads only the two headers, and fails there, before any Spark job, on a bad magic
 * number, counts that disagree or an uncompressed file of the wrong length. Uncompressed files are
 * then read by row ranges: each task opens both files, seeks to its first row and reads its range.
 * A gzip stream cannot be entered in the middle, so gzipped files are read from start to end by
 * one task; its rows, still as bytes, are then spread over the partitions by row range (a shuffle
 * of the compact bytes, not of the doubles) so that the work that follows is parallel.
 *
 * <p>Either way there are at least {@code spark.default.parallelism} partitions, more when the
 * images exceed {@link #PARTITION_BYTES} each, never more than there are rows.
 */
final class IdxSource {

  /** The target size of one partition's images, in bytes of the file. */
  static final long PARTITION_BYTES = 32L << 20;

  private static final int BUFFER = 1 << 16;

  private IdxSource() {}

  /** The images at {@code images} with the labels at {@code labels}, as described above. */
  static Dataset<Row> read(SparkSession spark, Path images, Path labels, boolean scale) {
    return read(spark, images, labels, scale, PARTITION_BYTES);
  }

  /** As {@link #read(SparkSession, Path, Path, boolean)} with partitions of {@code partBytes}. */
  static Dataset<Row> read(SparkSession spark, Path images, Path labels, boolean scale,
      long partBytes) {
    IdxItems items = items(spark, images, labels, scale, partBytes);
    double[] values = values(scale);
    int pixels = items.pixels();
    JavaRDD<Row> rows = items.items().map(item -> row(item, values, pixels));
    return spark.createDataFrame(rows.setName("idx " + images), DataSources.keyedSchema());
  }

  /**
   * The items of an images file read without a labels file, partitioned as the labeled items are:
   * each item's label byte is 0 (rows without labels, which a teacher labels for distillation).
   */
  static IdxItems unlabeledItems(SparkContext context, Path images, boolean scale) {
    return items(context, images, null, scale, PARTITION_BYTES);
  }

  /**
   * The items of {@code images} with {@code labels} as bytes, in file order and partitioned as
   * {@link #read(SparkSession, Path, Path, boolean)} partitions its rows: the typed path, which
   * turns them into samples without rows or double vectors.
   */
  static IdxItems items(SparkSession spark, Path images, Path labels, boolean scale) {
    return items(spark, images, labels, scale, PARTITION_BYTES);
  }

  /** As {@link #items(SparkSession, Path, Path, boolean)} with partitions of {@code partBytes}. */
  static IdxItems items(SparkSession spark, Path images, Path labels, boolean scale,
      long partBytes) {
    return items(spark.sparkContext(), images, labels, scale, partBytes);
  }

  /**
   * As {@link #items(SparkSession, Path, Path, boolean)}, with only a context: the typed path
   * needs no SQL session.
   */
  static IdxItems items(SparkContext context, Path images, Path labels, boolean scale,
      long partBytes) {
    Configuration conf = context.hadoopConfiguration();
    IdxHeader img = IdxHeader.images(images, conf);
    IdxHeader lab = labels == null ? null : IdxHeader.labels(labels, conf);
    if (lab != null && img.count() != lab.count()) {
      throw new DataFormatException(
          "images file " + images + " has " + img.count() + " images but labels file " + labels
              + " has " + lab.count() + " labels");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(context);
    long bytes = (long) img.count() * img.itemBytes();
    long wanted = Math.max(jsc.defaultParallelism(), (bytes + partBytes - 1) / partBytes);
    int parts = (int) Math.max(1, Math.min(img.count(), wanted));
    RowRanges ranges = new RowRanges(img.count(), parts);
    Broadcast<SerializableConfiguration> hadoop =
        SerializableConfiguration.broadcast(context, conf);
    JavaRDD<byte[]> items;
    WholeFile whole = null;
    if (!img.gzipped() && (lab == null || !lab.gzipped())) {
      List<Integer> ids = new ArrayList<>(parts);
      for (int p = 0; p < parts; p++) {
        ids.add(p);
      }
      items = jsc.parallelize(ids, parts).mapPartitions(part -> {
        int p = part.next();
        return new Items(hadoop.value().value(), img, lab, ranges.start(p), ranges.start(p + 1));
      });
    } else {
      WholeFile all = new WholeFile(hadoop, img, lab);
      whole = all;
      JavaPairRDD<Long, byte[]> sequential = jsc.parallelize(List.of(0), 1)
          .mapPartitionsToPair(part -> all.call()
              .map(item -> new Tuple2<>(IdxItems.index(item, img.itemBytes()), item)));
      items = sequential.repartitionAndSortWithinPartitions(ranges).values();
    }
    long[] counts = new long[parts];
    for (int p = 0; p < parts; p++) {
      counts[p] = ranges.start(p + 1) - ranges.start(p);
    }
    return new IdxItems(items.setName("idx items " + images), img.itemBytes(), scale,
        images.toString(), counts, whole);
  }

  /** The feature value of each pixel byte: b, or b / 255 rounded to float as IdxReader does. */
  private static double[] values(boolean scale) {
    double[] v = new double[256];
    for (int b = 0; b < 256; b++) {
      v[b] = scale ? (double) (b / 255f) : b;
    }
    return v;
  }

  /** An item as read: the pixels, the label byte, then the row index as 8 big-endian bytes. */
  private static Row row(byte[] item, double[] values, int pixels) {
    double[] x = new double[pixels];
    for (int i = 0; i < pixels; i++) {
      x[i] = values[item[i] & 0xff];
    }
    return RowFactory.create(Vectors.dense(x), (double) IdxItems.label(item, pixels),
        IdxItems.index(item, pixels));
  }

  /**
   * Every item of an images file and its labels file, in file order, read from start to end when
   * called on an executor: how a gzipped set is read (the stream cannot be entered in the middle).
   */
  private static final class WholeFile implements Function0<Iterator<byte[]>> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<SerializableConfiguration> hadoop;
    private final IdxHeader img;
    private final IdxHeader lab;

    WholeFile(Broadcast<SerializableConfiguration> hadoop, IdxHeader img, IdxHeader lab) {
      this.hadoop = hadoop;
      this.img = img;
      this.lab = lab;
    }

    @Override
    public Items call() throws IOException {
      return new Items(hadoop.value().value(), img, lab, 0, img.count());
    }
  }

  /**
   * Rows {@code [start, end)} of an images file and its labels file, read in step on an executor.
   * Each item is one byte array: the pixels, the label, the row index (8 bytes), so that a gzipped
   * set crosses the shuffle as compact bytes. The streams are closed at the end or when the task
   * completes, whichever comes first.
   */
  private static final class Items implements Iterator<byte[]>, Closeable {

    private final IdxHeader img;
    private final IdxHeader lab;
    private final DataInputStream images;
    private final DataInputStream labels;
    private final long end;
    private long next;
    private boolean closed;

    Items(Configuration conf, IdxHeader img, IdxHeader lab, long start, long end)
        throws IOException {
      this.img = img;
      this.lab = lab;
      this.next = start;
      this.end = end;
      this.images = open(conf, img, start);
      DataInputStream l;
      try {
        l = lab == null ? null : open(conf, lab, start);
      } catch (IOException | RuntimeException e) {
        images.close();
        throw e;
      }
      this.labels = l;
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener((TaskCompletionListener) context -> close());
      }
    }

    /** Opens {@code h}'s file at item {@code start}: seeks if uncompressed, else reads on to it. */
    private static DataInputStream open(Configuration conf, IdxHeader h, long start)
        throws IOException {
      Path path = new Path(h.file());
      FileSystem fs = path.getFileSystem(conf);
      FSDataInputStream raw = fs.open(path);
      try {
        if (!h.gzipped()) {
          raw.seek(h.offset(start));
          return new DataInputStream(new BufferedInputStream(raw, BUFFER));
        }
        InputStream buffered = new BufferedInputStream(raw, BUFFER);
        if (!IdxHeader.isGzip(buffered)) {
          throw new DataFormatException("IDX file " + h.file() + " is no longer a gzip stream");
        }
        // Buffered after the inflater too: a label is one byte, and every read of the inflater
        // itself is a call into native zlib.
        DataInputStream in = new DataInputStream(
            new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER));
        in.skipNBytes(h.offset(start));
        return in;
      } catch (IOException | RuntimeException e) {
        raw.close();
        throw e;
      }
    }

    <T> Iterator<T> map(java.util.function.Function<byte[], T> f) {
      Items self = this;
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return self.hasNext();
        }

        @Override
        public T next() {
          return f.apply(self.next());
        }
      };
    }

    @Override
    public boolean hasNext() {
      if (next < end) {
        return true;
      }
      if (!closed) {
        finish();
      }
      return false;
    }

    @Override
    public byte[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int pixels = img.itemBytes();
      byte[] item = new byte[pixels + 9];
      read(images, img, item, 0, pixels, "pixel");
      if (labels != null) {
        read(labels, lab, item, pixels, 1, "label");
      }
      long r = next++;
      for (int i = pixels + 8; i > pixels; i--) {
        item[i] = (byte) r;
        r >>>= 8;
      }
      return item;
    }

    private void read(DataInputStream in, IdxHeader h, byte[] into, int offset, int length,
        String what) {
      try {
        in.readFully(into, offset, length);
      } catch (EOFException e) {
        throw new DataFormatException("IDX file " + h.file() + " is truncated: it ends inside item "
            + (next + 1) + " of " + h.count() + " (" + what + " data)", e);
      } catch (IOException e) {
        throw failure(h, e);
      }
    }

    /** At the end of a gzipped file, reading on makes the stream check its CRC and length. */
    private void finish() {
      try {
        if (end == img.count()) {
          checkEnd(images, img, "pixel");
          if (labels != null) {
            checkEnd(labels, lab, "label");
          }
        }
      } finally {
        close();
      }
    }

    private static void checkEnd(DataInputStream in, IdxHeader h, String what) {
      if (!h.gzipped()) {
        return; // its length was checked against the header on the driver
      }
      try {
        if (in.read() != -1) {
          throw new DataFormatException("IDX file " + h.file() + " has more data than its header "
              + "declares (" + ((long) h.count() * h.itemBytes()) + " bytes of " + what
              + " data): wrong header or concatenated files?");
        }
      } catch (IOException e) {
        throw failure(h, e);
      }
    }

    private static RuntimeException failure(IdxHeader h, IOException e) {
      if (e instanceof ZipException || e instanceof EOFException) {
        return new DataFormatException(
            "file " + h.file() + " is a corrupt or truncated gzip stream: " + e.getMessage(), e);
      }
      return new UncheckedIOException("cannot read " + h.file() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try (images; labels) {
        // closes both
      } catch (IOException e) {
        // nothing was written; a failed close of a read stream loses nothing
      }
    }
  }
}
