package org.sparkprop.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.sparkprop.spark.ProgressNote;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.TrainingListener;

/**
 * A run's progress: one line per epoch on the console with an estimate of the time left (ETA),
 * and the same figures into metrics.jsonl; within long epochs, at most every
 * {@value #EVERY_SECONDS} s, a line of the updates done of the epoch's, samples/s and the ETA,
 * on the console when it is a terminal, else in the driver log. The same text ends the Spark job
 * description of every update ({@link ProgressNote}), for the Spark UI.
 *
 * <p>The ETA counts the epoch's updates left at the epoch's rate so far, then the epochs left at
 * the mean time of the epochs done (validation included); early stopping or tol may end the run
 * sooner.
 */
final class ProgressPrinter implements TrainingListener {

  private static final Logger LOG = Logger.getLogger(ProgressPrinter.class.getName());

  /** Seconds between two progress lines within an epoch. */
  static final int EVERY_SECONDS = 10;

  private final PrintStream console;
  private final int epochs;
  private final RunOutput output;
  private final boolean terminal;
  private final ProgressNote note = new ProgressNote();
  private final LongSupplier clock;
  private int batchSize;
  private long epochStart;
  private long lastLine;
  private long lastNote;
  private long firstEpochStart = -1;
  private int epochsTimed;

  ProgressPrinter(PrintStream console, int epochs, RunOutput output, boolean terminal) {
    this(console, epochs, output, terminal, System::nanoTime);
  }

  /** As the public constructor, with {@code clock} for {@link System#nanoTime}. */
  ProgressPrinter(PrintStream console, int epochs, RunOutput output, boolean terminal,
      LongSupplier clock) {
    this.console = console;
    this.epochs = epochs;
    this.output = output;
    this.terminal = terminal;
    this.clock = clock;
    started();
  }

  /** Training starts now with batches of {@code batchSize} rows. */
  void packed(int batchSize) {
    this.batchSize = batchSize;
    started();
  }

  private void started() {
    epochStart = clock.getAsLong();
    lastLine = epochStart;
    lastNote = epochStart;
  }

  ProgressNote note() {
    return note;
  }

  @Override
  public void onProgress(int epoch, int done, int iterations) {
    long now = clock.getAsLong();
    if (firstEpochStart < 0) {
      firstEpochStart = epochStart;
    }
    boolean line = now - lastLine >= EVERY_SECONDS * 1_000_000_000L && done < iterations;
    if (!line && now - lastNote < 1_000_000_000L) {
      return;
    }
    double seconds = (now - epochStart) / 1e9;
    double perUpdate = done == 0 ? Double.NaN : seconds / done;
    double left = (iterations - done) * perUpdate + (epochs - epoch) * epochSeconds(perUpdate,
        iterations);
    String text = String.format(Locale.ROOT, "update %d/%d of epoch %d/%d, %,.0f samples/s,"
        + " ETA %s", done, iterations, epoch, epochs, batchSize * done / seconds, duration(left));
    note.set(text);
    lastNote = now;
    if (line) {
      lastLine = now;
      if (terminal) {
        console.println("  " + text);
      } else {
        LOG.info("sparkprop: " + text);
      }
    }
  }

  /** The mean seconds of an epoch so far, or one of updates at {@code perUpdate} before any. */
  private double epochSeconds(double perUpdate, int iterations) {
    return epochsTimed == 0 ? perUpdate * iterations
        : (epochStart - firstEpochStart) / 1e9 / epochsTimed;
  }

  @Override
  public void onEpoch(EpochStats s, float[] theta) {
    long now = clock.getAsLong();
    if (firstEpochStart < 0) {
      firstEpochStart = epochStart;
    }
    epochsTimed++;
    double mean = (now - firstEpochStart) / 1e9 / epochsTimed;
    String eta = s.epoch() >= epochs ? ""
        : "  ETA " + duration(mean * (epochs - s.epoch()));
    String accuracy = Double.isNaN(s.accuracy()) ? ""
        : String.format(Locale.ROOT, "  accuracy %.4f", s.accuracy());
    String validation = Double.isNaN(s.validationLoss()) ? ""
        : String.format(Locale.ROOT, "  val_loss %.6f", s.validationLoss())
            + (Double.isNaN(s.validationAccuracy()) ? ""
                : String.format(Locale.ROOT, "  val_accuracy %.4f", s.validationAccuracy()));
    console.printf(Locale.ROOT, "epoch %d/%d  loss %.6f%s%s  %,.0f samples/s  elapsed %.1f s%s%n",
        s.epoch(), epochs, s.loss(), accuracy, validation, s.samplesPerSecond(),
        s.elapsedSeconds(), eta);
    output.epoch(s);
    epochStart = now;
    lastLine = now;
  }

  /** {@code seconds} as "42 s", "3 min 05 s" or "2 h 07 min"; "?" when unknown. */
  static String duration(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "?";
    }
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
