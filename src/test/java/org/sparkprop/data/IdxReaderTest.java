package org.sparkprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir Path dir;

  /** Three 2×3 images with pixels 0, 1, ..., 17 except the last, which is 255. */
  private static byte[] pixels() {
    byte[] p = new byte[18];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) i;
    }
    p[17] = (byte) 255;
    return p;
  }



  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private Path images(String name, boolean gz) throws IOException {
    byte[] b = IdxFiles.idx(2051, new int[] {3, 2, 3}, pixels());
    return write(name, gz ? IdxFiles.gzip(b) : b);
  }

  private Path labels(String name, boolean gz) throws IOException {
    byte[] b = IdxFiles.idx(2049, new int[] {3}, new byte[] {7, 0, 9});
    return write(name, gz ? IdxFiles.gzip(b) : b);
  }

  @Test
  void readsPlainFiles() throws IOException {
    RawData d = IdxReader.read(
        images("x-images-idx3-ubyte", false), labels("x-labels-idx1-ubyte", false), false);
    assertEquals(3, d.rows());
    assertEquals(6, d.columns());
    float[] expected = new float[18];
    for (int i = 0; i < 17; i++) {
      expected[i] = i;
    }
    expected[17] = 255;
    assertArrayEquals(expected, d.features());
    assertArrayEquals(new float[] {7, 0, 9}, d.labels());
    assertTrue(d.source().endsWith("x-images-idx3-ubyte"), d.source());
  }

  @Test
  void detectsGzipByMagicBytesNotByName() throws IOException {
    // gzipped content without a .gz suffix, and plain content with one
    Path img = images("a-images-idx3-ubyte", true);
    Path lab = labels("a-labels-idx1-ubyte.gz", false);
    RawData gz = IdxReader.read(img, lab, false);
    RawData plain =
        IdxReader.read(images("b-images-idx3-ubyte", false), labels("b-lab", false), false);
    assertArrayEquals(plain.features(), gz.features());
    assertArrayEquals(plain.labels(), gz.labels());
  }

  @Test
  void scaleDividesBy255() throws IOException {
    RawData d = IdxReader.read(images("s.gz", true), labels("l.gz", true), true);
    assertEquals(0f, d.feature(0, 0));
    assertEquals(5 / 255f, d.feature(0, 5));
    assertEquals(1f, d.feature(2, 5));
    for (float v : d.features()) {
      assertTrue(v >= 0 && v <= 1, "pixel " + v);
    }
    assertArrayEquals(new float[] {7, 0, 9}, d.labels(), "labels are never scaled");
  }

  @Test
  void readsEmptyFilesAsZeroRows() throws IOException {
    Path img = write("e-img", IdxFiles.idx(2051, new int[] {0, 28, 28}, new byte[0]));
    Path lab = write("e-lab", IdxFiles.idx(2049, new int[] {0}, new byte[0]));
    RawData d = IdxReader.read(img, lab, true);
    assertEquals(0, d.rows());
    assertEquals(784, d.columns());
  }

  @Test
  void derivesLabelsPath() {
    Path images = Path.of("/data/fm/train-images-idx3-ubyte.gz");
    assertEquals(Path.of("/data/fm/train-labels-idx1-ubyte.gz"), IdxReader.labelsFor(images));
    assertEquals(
        Path.of("t10k-labels-idx1-ubyte"), IdxReader.labelsFor(Path.of("t10k-images-idx3-ubyte")));
  }

  @Test
  void labelsPathNeedsConventionalName() {
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.labelsFor(Path.of("/data/pictures.bin")));
    assertTrue(e.getMessage().contains("/data/pictures.bin"), e.getMessage());
    assertTrue(e.getMessage().contains("images-idx3"), e.getMessage());
  }

  @Test
  void missingImagesFileIsNamed() throws IOException {
    Path missing = dir.resolve("nope-images-idx3-ubyte");
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.read(missing, labels("l", false), false));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void missingLabelsFileIsNamed() throws IOException {
    Path missing = dir.resolve("nope-labels-idx1-ubyte.gz");
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.read(images("i", false), missing, false));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void wrongImagesMagicSaysFoundAndExpected() throws IOException {
    Path lab = labels("l", false);
    // labels file given as images: a common mix-up
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> IdxReader.read(lab, lab, false));
    String m = e.getMessage();
    assertTrue(m.contains(lab.toString()), m);
    assertTrue(m.contains("2049") && m.contains("2051"), m);
    assertTrue(m.contains("labels file"), m);
  }

  @Test
  void wrongLabelsMagicSaysFoundAndExpected() throws IOException {
    Path lab = write("bad-labels", IdxFiles.idx(1234, new int[] {3}, new byte[] {1, 2, 3}));
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.read(images("i", false), lab, false));
    String m = e.getMessage();
    assertTrue(m.contains(lab.toString()) && m.contains("1234") && m.contains("2049"), m);
  }

  @Test
  void countMismatchNamesBothFiles() throws IOException {
    Path img = images("i", false);
    Path lab = write("l4", IdxFiles.idx(2049, new int[] {4}, new byte[] {1, 2, 3, 4}));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> IdxReader.read(img, lab, false));
    String m = e.getMessage();
    assertTrue(m.contains(img.toString()) && m.contains(lab.toString()), m);
    assertTrue(m.contains("3 images") && m.contains("4 labels"), m);
  }

  @Test
  void truncatedImagesSayExpectedAndFoundBytes() throws IOException {
    Path img = write("t-img", IdxFiles.idx(2051, new int[] {3, 2, 3}, Arrays.copyOf(pixels(), 10)));
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.read(img, labels("l", false), false));
    String m = e.getMessage();
    assertTrue(m.contains(img.toString()) && m.contains("truncated"), m);
    assertTrue(m.contains("expected 18 bytes") && m.contains("found 10"), m);
  }

  @Test
  void truncatedGzippedLabelsSayExpectedAndFoundBytes() throws IOException {
    // a complete gzip stream whose content is short
    Path lab = write("t-lab.gz", IdxFiles.gzip(IdxFiles.idx(2049, new int[] {3}, new byte[] {1})));
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.read(images("i", false), lab, false));
    String m = e.getMessage();
    assertTrue(m.contains(lab.toString()) && m.contains("expected 3 bytes") && m.contains("found 1"),
        m);
  }

  @Test
  void extraDataAfterDeclaredImagesIsReported() throws IOException {
    byte[] more = Arrays.copyOf(pixels(), 24);
    Path img = write("x-img", IdxFiles.idx(2051, new int[] {3, 2, 3}, more));
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.read(img, labels("l", false), false));
    assertTrue(e.getMessage().contains(img.toString()) && e.getMessage().contains("more data"),
        e.getMessage());
  }

  @Test
  void gzipChecksumIsVerified() throws IOException {
    byte[] bad = IdxFiles.gzip(IdxFiles.idx(2049, new int[] {3}, new byte[] {7, 0, 9}));
    bad[bad.length - 8] ^= 1; // the CRC-32 of the trailer
    Path lab = write("crc-lab", bad);
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.read(images("i", false), lab, false));
    assertTrue(e.getMessage().contains(lab.toString()) && e.getMessage().contains("gzip"),
        e.getMessage());
  }

  @Test
  void truncatedHeaderIsReported() throws IOException {
    Path img = write("h-img", new byte[] {0, 0, 8, 3, 0, 0});
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.read(img, labels("l", false), false));
    assertTrue(e.getMessage().contains(img.toString()) && e.getMessage().contains("header"),
        e.getMessage());
  }

  @Test
  void corruptGzipIsReported() throws IOException {
    byte[] good = IdxFiles.gzip(IdxFiles.idx(2051, new int[] {3, 2, 3}, pixels()));
    byte[] bad = good.clone();
    for (int i = 10; i < bad.length - 8; i++) {
      bad[i] = (byte) 0xff; // destroy the deflate data, keep the 10-byte gzip header
    }
    Path img = write("c-img", bad);
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.read(img, labels("l", false), false));
    assertTrue(e.getMessage().contains(img.toString()) && e.getMessage().contains("gzip"),
        e.getMessage());
  }

  @Test
  void cutGzipStreamIsReported() throws IOException {
    byte[] good = IdxFiles.gzip(IdxFiles.idx(2051, new int[] {3, 2, 3}, pixels()));
    Path img = write("cut-img", Arrays.copyOf(good, good.length / 2));
    DataFormatException e = assertThrows(
        DataFormatException.class, () -> IdxReader.read(img, labels("l", false), false));
    assertTrue(e.getMessage().contains(img.toString()) && e.getMessage().contains("gzip"),
        e.getMessage());
  }

  @Test
  void readsFashionMnistTestSet() {
    Path images = FASHION.resolve("t10k-images-idx3-ubyte.gz");
    Assumptions.assumeTrue(
        Files.exists(FASHION.resolve("train-images-idx3-ubyte.gz")) && Files.exists(images),
        "Fashion-MNIST not installed in " + FASHION);
    RawData d = IdxReader.read(images, IdxReader.labelsFor(images), true);
    assertEquals(10_000, d.rows());
    assertEquals(784, d.columns());
    int[] perClass = new int[10];
    for (float label : d.labels()) {
      assertTrue(label >= 0 && label <= 9 && label == (int) label, "label " + label);
      perClass[(int) label]++;
    }
    for (int c = 0; c < 10; c++) {
      assertEquals(1000, perClass[c], "class " + c);
    }
    assertEquals(10, Targets.classesIn(d));
    float max = 0;
    for (float v : d.features()) {
      assertTrue(v >= 0 && v <= 1);
      max = Math.max(max, v);
    }
    assertEquals(1f, max);
  }

  @Test
  void readsFashionMnistTrainingSetQuickly() {
    Path images = FASHION.resolve("train-images-idx3-ubyte.gz");
    Assumptions.assumeTrue(Files.exists(images), "Fashion-MNIST not installed in " + FASHION);
    long start = System.nanoTime();
    RawData d = IdxReader.read(images, IdxReader.labelsFor(images), true);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(60_000, d.rows());
    assertEquals(784, d.columns());
    // the target is well under 2 s; the bound is loose so a busy build machine does not flake
    assertTrue(seconds < 10, "reading took " + seconds + " s");
  }
}
