package org.sparkprop.bench;

import java.util.ArrayList;
import java.util.List;
import org.sparkprop.nn.Network;
import org.sparkprop.train.EpochStats;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Samples;
import org.sparkprop.train.ShardWorker;
import org.sparkprop.train.TrainingListener;

/**
 * After every epoch: records the training wall-clock time up to the epoch's end, excluding the
 * time this listener itself spent before it, then measures test accuracy on the driver with a
 * {@link ShardWorker}. A barrier stage that runs several epochs tells them at its end, one
 * after the other: an epoch's end is the moment the loop reports for it
 * ({@link EpochStats#elapsedSeconds} from {@link #onStart}), not the moment it is told.
 */
final class AccuracyListener implements TrainingListener {

  /** One epoch's record. */
  record Point(int epoch, double trainSeconds, double epochSeconds, double trainLoss,
      double trainAccuracy, double testAccuracy, double testLoss) {}

  private final ShardWorker worker;
  private final Samples test;
  private final boolean verbose;
  private final List<Point> points = new ArrayList<>();
  private long start;
  private long loopStart;
  /** This listener's own calls: when each began and how long it took (nanoseconds). */
  private final List<long[]> calls = new ArrayList<>();
  private double previous;

  AccuracyListener(Network network, Samples test, boolean verbose) {
    this.worker = new ShardWorker(network);
    this.test = test;
    this.verbose = verbose;
  }

  /** Call right before training starts. */
  void start() {
    start = System.nanoTime();
    loopStart = 0;
    calls.clear();
    previous = 0;
    points.clear();
  }

  @Override
  public void onStart(long startNanos) {
    loopStart = startNanos;
  }

  @Override
  public void onEpoch(EpochStats stats, float[] theta) {
    long entered = System.nanoTime();
    double seconds = trainingSeconds(start, loopStart, stats.elapsedSeconds(), entered, calls);
    GradientSum sum = new GradientSum();
    worker.evaluate(theta, test, sum);
    double accuracy = (double) sum.correct() / sum.count();
    Point p = new Point(stats.epoch(), seconds, seconds - previous, stats.loss(),
        stats.accuracy(), accuracy, sum.loss() / sum.count());
    points.add(p);
    previous = seconds;
    if (verbose) {
      System.err.printf(java.util.Locale.ROOT,
          "  epoch %3d  train %.2f s (%.2f s/epoch)  loss %.4f  test accuracy %.4f%n",
          p.epoch(), p.trainSeconds(), p.epochSeconds(), p.trainLoss(), p.testAccuracy());
    }
    calls.add(new long[] {entered, System.nanoTime() - entered});
  }

  /**
   * The training seconds up to an epoch's end: from {@code start} to the end the loop reports
   * ({@code elapsedSeconds} after {@code loopStart}; the moment it is told, {@code told}, when
   * the loop gave no start or reports a later end), less the listener's {@code calls}
   * ({beginning, duration} in nanoseconds) that began before that end.
   */
  static double trainingSeconds(long start, long loopStart, double elapsedSeconds, long told,
      List<long[]> calls) {
    long end = loopStart == 0 ? told
        : Math.min(told, loopStart + Math.round(elapsedSeconds * 1e9));
    long excluded = 0;
    for (long[] call : calls) {
      if (call[0] < end) {
        excluded += call[1];
      }
    }
    return (end - start - excluded) / 1e9;
  }

  List<Point> points() {
    return List.copyOf(points);
  }

  /** Training seconds at the first epoch whose test accuracy reaches {@code target}, or null. */
  Double secondsTo(double target) {
    for (Point p : points) {
      if (p.testAccuracy() >= target) {
        return p.trainSeconds();
      }
    }
    return null;
  }

  Integer epochsTo(double target) {
    for (Point p : points) {
      if (p.testAccuracy() >= target) {
        return p.epoch();
      }
    }
    return null;
  }
}
