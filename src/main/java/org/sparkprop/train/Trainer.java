package org.sparkprop.train;

import java.util.ArrayList;
import java.util.List;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.OptimizerState;

/**
 * The BACKPROP loop of the notes, on the driver and independent of where gradients come from:
 * while the convergence conditions do not hold, for every batch of the epoch, ask the source for
 * Σ_n ∇q_n(Θ), divide by the batch's sample count (q_S is a mean), and let the optimizer step.
 */
public final class Trainer {

  private final Optimizer optimizer;
  private final TrainingConfig config;
  private final TrainingListener listener;

  public Trainer(Optimizer optimizer, TrainingConfig config, TrainingListener listener) {
    this.optimizer = optimizer;
    this.config = config;
    this.listener = listener;
  }

  /** Trains from {@code initialTheta} (not modified) and returns the final weights and history. */
  public TrainingResult train(GradientSource source, float[] initialTheta) {
    float[] theta = initialTheta.clone();
    OptimizerState state = optimizer.init(theta.length);
    float[] mean = new float[theta.length];
    int iterations = source.plan().iterations(source.rows());
    List<EpochStats> history = new ArrayList<>();
    StopReason reason = StopReason.EPOCHS;
    long updates = 0;
    long start = System.nanoTime();
    double previousLoss = Double.NaN;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      long epochStart = System.nanoTime();
      double lossSum = 0;
      long count = 0;
      long correct = 0;
      for (int it = 0; it < iterations; it++) {
        GradientSum sum = source.gradient(theta, epoch, it);
        if (sum.count() == 0) {
          continue;
        }
        float scale = 1f / sum.count();
        float[] g = sum.gradient();
        for (int i = 0; i < mean.length; i++) {
          mean[i] = g[i] * scale;
        }
        optimizer.update(theta, mean, state);
        updates++;
        lossSum += sum.loss();
        count += sum.count();
        correct += sum.correct();
      }
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      double loss = lossSum / Math.max(1, count);
      double accuracy = source.classifies() ? (double) correct / Math.max(1, count) : Double.NaN;
      EpochStats stats = new EpochStats(epoch + 1, iterations, loss, accuracy,
          count / Math.max(seconds, 1e-9), (System.nanoTime() - start) / 1e9);
      history.add(stats);
      listener.onEpoch(stats);
      if (!Double.isFinite(loss)) {
        reason = StopReason.DIVERGED;
        break;
      }
      if (config.tol() > 0 && epoch > 0
          && Math.abs(previousLoss - loss) <= config.tol() * Math.abs(previousLoss)) {
        reason = StopReason.TOLERANCE;
        break;
      }
      previousLoss = loss;
    }
    return new TrainingResult(theta, List.copyOf(history), reason, updates,
        (System.nanoTime() - start) / 1e9);
  }
}
