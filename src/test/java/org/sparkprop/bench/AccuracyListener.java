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
 * After every epoch: records the training wall-clock time so far, excluding the time this
 * listener itself spends, then measures test accuracy on the driver with a {@link ShardWorker}.
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
  private long excluded;
  private double previous;

  AccuracyListener(Network network, Samples test, boolean verbose) {
    this.worker = new ShardWorker(network);
    this.test = test;
    this.verbose = verbose;
  }

  /** Call right before training starts. */
  void start() {
    start = System.nanoTime();
    excluded = 0;
    previous = 0;
    points.clear();
  }

  @Override
  public void onEpoch(EpochStats stats, float[] theta) {
    long entered = System.nanoTime();
    double seconds = (entered - start - excluded) / 1e9;
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
    excluded += System.nanoTime() - entered;
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
