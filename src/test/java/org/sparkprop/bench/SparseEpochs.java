package org.sparkprop.bench;

import java.util.Locale;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.GradientDescent;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.SparseSets;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/**
 * Epoch time of the sparse and the dense first layer on hashed-text-like data (docs/data.md,
 * "Sparse input"): N rows of 2^bits columns with {@code perRow} stored entries, layers
 * 2^bits,H,4 (relu, softmax), mini-batches of B on one shard in this JVM (no Spark: the
 * computation of an epoch alone, with its plain gradient steps on Θ), one warm-up epoch, then
 * the median of {@code epochs} epochs.
 *
 * <pre>
 *   scripts/bench --main SparseEpochs BITS ROWS PER_ROW HIDDEN BATCH EPOCHS sparse|dense ...
 * </pre>
 */
public final class SparseEpochs {

  private SparseEpochs() {}

  public static void main(String[] args) {
    for (int at = 0; at + 7 <= args.length; at += 7) {
      int bits = Integer.parseInt(args[at]);
      int rows = Integer.parseInt(args[at + 1]);
      int perRow = Integer.parseInt(args[at + 2]);
      int hidden = Integer.parseInt(args[at + 3]);
      int batch = Integer.parseInt(args[at + 4]);
      int epochs = Integer.parseInt(args[at + 5]);
      boolean sparse = args[at + 6].equals("sparse");
      run(bits, rows, perRow, hidden, batch, epochs, sparse);
    }
  }

  static void run(int bits, int rows, int perRow, int hidden, int batch, int epochs,
      boolean sparse) {
    int columns = 1 << bits;
    Samples data = SparseSets.topics(rows, columns, 4, perRow, 1);
    if (!sparse) {
      data = SparseSets.dense(data);
    }
    Network net = new Network(new NetworkSpec(new int[] {columns, hidden, 4},
        Activations.parse("relu"), new Softmax(), new CrossEntropy()));
    BatchPlan plan = new BatchPlan(1, batch, 3);
    double[] seconds = new double[epochs];
    long[] last = {System.nanoTime()};
    TrainingListener clock = (stats, theta) -> {
      long now = System.nanoTime();
      // Epoch 1 warms up; epochs 2 … E + 1 are timed.
      if (stats.epoch() >= 2) {
        seconds[stats.epoch() - 2] = (now - last[0]) / 1e9;
      }
      last[0] = now;
    };
    Trainer trainer = new Trainer(new GradientDescent(0.05f),
        new TrainingConfig(epochs + 1, 0), clock);
    last[0] = System.nanoTime();
    TrainingResult result = trainer.train(new InMemoryGradientSource(net, data, plan),
        Initializer.initialTheta(net, 3));
    java.util.Arrays.sort(seconds);
    System.out.printf(Locale.ROOT, "2^%d columns, %d rows, %d stored a row, layers %d,%d,4,"
        + " batch %d, %s: median epoch %.3f s (min %.3f, max %.3f), last loss %.4f%n", bits,
        rows, perRow, columns, hidden, batch, sparse ? "sparse" : "dense",
        seconds[epochs / 2], seconds[0], seconds[epochs - 1],
        result.history().get(result.history().size() - 1).loss());
  }
}
