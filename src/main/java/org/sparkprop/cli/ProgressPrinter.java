package org.sparkprop.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.TrainingListener;

/** One progress line per epoch on the console, and the same figures into metrics.jsonl. */
final class ProgressPrinter implements TrainingListener {

  private final PrintStream console;
  private final int epochs;
  private final RunOutput output;

  ProgressPrinter(PrintStream console, int epochs, RunOutput output) {
    this.console = console;
    this.epochs = epochs;
    this.output = output;
  }

  @Override
  public void onEpoch(EpochStats s, float[] theta) {
    String accuracy = Double.isNaN(s.accuracy()) ? ""
        : String.format(Locale.ROOT, "  accuracy %.4f", s.accuracy());
    String validation = Double.isNaN(s.validationLoss()) ? ""
        : String.format(Locale.ROOT, "  val_loss %.6f", s.validationLoss())
            + (Double.isNaN(s.validationAccuracy()) ? ""
                : String.format(Locale.ROOT, "  val_accuracy %.4f", s.validationAccuracy()));
    console.printf(Locale.ROOT, "epoch %d/%d  loss %.6f%s%s  %,.0f samples/s  elapsed %.1f s%n",
        s.epoch(), epochs, s.loss(), accuracy, validation, s.samplesPerSecond(),
        s.elapsedSeconds());
    output.epoch(s);
  }
}
