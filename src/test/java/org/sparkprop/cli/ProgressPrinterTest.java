package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.train.EpochStats;

/** Progress lines with an ETA, on a made-up clock. */
class ProgressPrinterTest {

  private static final long UPDATE_NANOS = 200_000_000L;

  @Test
  void longEpochsPrintProgressEveryTenSecondsWithAnEta(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    try (RunOutput output = new RunOutput(new org.apache.hadoop.fs.Path(dir.toString()),
        new Configuration())) {
      ProgressPrinter p = new ProgressPrinter(new PrintStream(out, true, StandardCharsets.UTF_8),
          3, output, true, now::get);
      p.packed(10);
      for (int epoch = 1; epoch <= 3; epoch++) {
        for (int done = 1; done <= 100; done++) {
          now.addAndGet(UPDATE_NANOS);
          p.onProgress(epoch, done, 100);
        }
        p.onEpoch(new EpochStats(epoch, 100, 0.5, 0.9, 50, 20.0 * epoch), new float[0]);
      }
    }
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    // 20 s epochs: a progress line after 10 s (update 50) in each, then the epoch's line.
    assertEquals(6, lines.size(), lines.toString());
    // 50 updates left at 0.2 s, then 2 epochs at the first 50 updates' pace: 10 + 40 s.
    assertEquals("  update 50/100 of epoch 1/3, 50 samples/s, ETA 50 s", lines.get(0));
    assertTrue(lines.get(1).startsWith("epoch 1/3  loss 0.500000"), lines.get(1));
    assertTrue(lines.get(1).endsWith("ETA 40 s"), lines.get(1));
    assertEquals("  update 50/100 of epoch 2/3, 50 samples/s, ETA 30 s", lines.get(2));
    assertTrue(lines.get(3).endsWith("ETA 20 s"), lines.get(3));
    assertFalse(lines.get(5).contains("ETA"), "no ETA after the last epoch: " + lines.get(5));
  }

  @Test
  void notOnATerminalOnlyEpochLinesAndTheJobNote(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    ProgressPrinter p;
    try (RunOutput output = new RunOutput(new org.apache.hadoop.fs.Path(dir.toString()),
        new Configuration())) {
      p = new ProgressPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), 2, output,
          false, now::get);
      p.packed(4);
      for (int done = 1; done <= 80; done++) {
        now.addAndGet(UPDATE_NANOS);
        p.onProgress(1, done, 100);
      }
    }
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals("update 80/100 of epoch 1/2, 20 samples/s, ETA 24 s", p.note().text());
  }

  @Test
  void durations() {
    assertEquals("0 s", ProgressPrinter.duration(0.2));
    assertEquals("59 s", ProgressPrinter.duration(59.4));
    assertEquals("3 min 05 s", ProgressPrinter.duration(185));
    assertEquals("2 h 07 min", ProgressPrinter.duration(7620));
    assertEquals("?", ProgressPrinter.duration(Double.NaN));
  }
}
