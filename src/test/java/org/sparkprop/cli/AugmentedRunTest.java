package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkprop.cli.MainOutcome.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.data.IdxFiles;

/**
 * The command line trains with image augmentation on IDX files, whose header gives the image
 * shape, and refuses what cannot apply before any output is written.
 */
class AugmentedRunTest {

  private static final int ROWS = 4;
  private static final int COLS = 5;

  @TempDir Path dir;

  /** 160 images of two classes: a bright left or right half, with some noise. */
  private Path writeIdx(String name) throws IOException {
    Random random = new Random(3);
    int count = 160;
    byte[] pixels = new byte[count * ROWS * COLS];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 2);
      for (int r = 0; r < ROWS; r++) {
        for (int c = 0; c < COLS; c++) {
          boolean lit = (c < COLS / 2) == (i % 2 == 0);
          pixels[(i * ROWS + r) * COLS + c] = (byte) ((lit ? 180 : 20) + random.nextInt(40));
        }
      }
    }
    Path images = dir.resolve(name + "-images-idx3-ubyte");
    Files.write(images, IdxFiles.idx(2051, new int[] {count, ROWS, COLS}, pixels));
    Files.write(dir.resolve(name + "-labels-idx1-ubyte"),
        IdxFiles.idx(2049, new int[] {count}, labels));
    return images;
  }

  private List<String> job(Path out, String... extra) throws IOException {
    Path train = writeIdx("train");
    Path test = writeIdx("t10k");
    List<String> args = new ArrayList<>(List.of("--set", "data.format=idx", "--set",
        "data.train=" + train, "--set", "data.test=" + test, "--set", "layers=20,8,2",
        "--set", "epochs=3", "--set", "batchSize=16", "--set", "partitions=2",
        "--out", out.toString()));
    for (String e : extra) {
      args.add("--set");
      args.add(e);
    }
    return args;
  }

  @Test
  void idxFilesGiveTheShapeForImageTransforms() throws IOException {
    Path out = dir.resolve("run");
    MainOutcome o = run(job(out, "augment.flip=true", "augment.rotate=10", "augment.shift=1",
        "augment.crop=1:4", "augment.brightness=0.1", "augment.contrast=0.1",
        "augment.noise=0.01"));
    assertEquals(0, o.status(), o.err());
    assertTrue(Files.exists(out.resolve("summary.json")));
    assertTrue(o.out().contains("augment.flip") && o.out().contains("(--set)"), o.out());
  }

  @Test
  void aShapeThatDoesNotHoldTheInputsIsRefusedBeforeAnyOutput() throws IOException {
    Path out = dir.resolve("refused");
    MainOutcome o = run(job(out, "augment.flip=true", "data.imageShape=5x5x1"));
    assertEquals(2, o.status(), o.out() + o.err());
    assertTrue(o.err().contains("setting data.imageShape is '5x5x1'"), o.err());
    assertFalse(Files.exists(out.resolve("summary.json")));
  }

  @Test
  void aShiftAsLargeAsTheIdxImagesIsRefused() throws IOException {
    Path out = dir.resolve("shift");
    MainOutcome o = run(job(out, "augment.shift=4"));
    assertTrue(o.status() != 0, o.out());
    assertTrue(o.err().contains("augment.shift is 4; for images of 4x5x1 it must be in [0, 3]"),
        o.err());
    assertFalse(Files.exists(out.resolve("summary.json")));
  }
}
