package org.sparkprop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Synthetic;
import org.sparkprop.data.Targets;
import org.sparkprop.fit.HeldOut;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.tensor.Blas;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.DataConfig;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.IndexPermutation;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Settings;
import org.sparkprop.train.ShardWorker;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/**
 * Test accuracy of synthetic jobs for several seeds, in this JVM, to measure the margin an
 * accuracy threshold has over float rounding: run it once per OpenBLAS kernel
 * ({@code scripts/accuracy-margins} does) and take the minimum.
 *
 * <pre>
 *   AccuracyMargins [--seeds 1,2,3] NAME|name=value;name=value ...
 * </pre>
 *
 * Each case starts from the built-in defaults (the spirals job) with the case's settings on top,
 * and the seed (data, split, initial weights and batches) set to each of the seeds. It trains in
 * memory on the Spark job's split, sample order and batch plan (two shards, as
 * {@code --set partitions=2}; SparkEquivalenceTest shows Spark computes the same) with
 * standardization fitted on the training inputs, as the command line does. One line per
 * run: {@code margin <kernel> <case> seed=<s> accuracy=<a> epochs=<e> loss=<l>}.
 */
public final class AccuracyMargins {

  private AccuracyMargins() {}

  public static void main(String[] args) {
    long[] seeds = {1, 2, 3};
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--seeds")) {
        seeds = Arrays.stream(args[++i].split(",")).mapToLong(Long::parseLong).toArray();
      } else {
        cases.add(args[i]);
      }
    }
    String kernel = System.getenv().getOrDefault("OPENBLAS_CORETYPE", "auto");
    System.out.println("# BLAS " + Blas.implementation() + ", OPENBLAS_CORETYPE=" + kernel);
    for (String c : cases) {
      int bar = c.indexOf('|');
      String name = bar < 0 ? c : c.substring(0, bar);
      String overrides = bar < 0 ? "" : c.substring(bar + 1);
      for (long seed : seeds) {
        long start = System.nanoTime();
        Run run = run(overrides, seed);
        System.out.printf(Locale.ROOT,
            "margin %s %s seed=%d accuracy=%.4f epochs=%d loss=%.6g seconds=%.1f%n",
            kernel, name.replace(' ', '_'), seed, run.accuracy(), run.epochs(), run.loss(),
            (System.nanoTime() - start) / 1e9);
      }
    }
  }

  /** Test accuracy, epochs run and final training loss of one run. */
  record Run(double accuracy, int epochs, double loss) {}

  static Run run(String overrides, long seed) {
    Settings settings = Settings.defaults();
    for (String assignment : overrides.split(";(?=[a-zA-Z][a-zA-Z0-9.]*=)")) {
      if (!assignment.isBlank()) {
        settings = settings.withOverride(assignment, "margins");
      }
    }
    settings = settings.with("seed", Long.toString(seed), "margins");
    JobConfig job = JobConfig.from(settings);
    Samples[] data = data(job);
    Network network = new Network(job.network());
    network.fitStandardization(data[0].x(), 0, data[0].rows());
    BatchPlan plan = new BatchPlan(2, job.batchSize(data[0].rows()), job.seed());
    TrainingResult result = job.train(network,
        new InMemoryGradientSource(network, data[0], plan), null, TrainingListener.NONE);
    GradientSum test = new GradientSum();
    new ShardWorker(network).evaluate(result.theta(), data[1], test);
    double loss = result.history().isEmpty() ? Double.NaN
        : result.history().get(result.history().size() - 1).loss();
    return new Run((double) test.correct() / test.count(), result.epochs(), loss);
  }

  /**
   * The job's synthetic set, split into training and test samples as the command line splits it:
   * a row is held out by its {@link HeldOut#position} under the seed, and training row i (in the
   * set's order) becomes sample {@link IndexPermutation} π(i) under the seed, as
   * {@code ShardRdd.fromRows} places it, so that the two-shard plan sees the job's batches.
   */
  private static Samples[] data(JobConfig job) {
    DataConfig data = job.data();
    if (data.format() != DataConfig.Format.SYNTHETIC || !data.heldOut()) {
      throw new IllegalArgumentException("data.format is " + data.format()
          + "; AccuracyMargins takes synthetic sets with a held-out test (data.testFraction > 0)");
    }
    RawData all = Synthetic.byName(data.train(), data.samples(), data.noise(), job.seed());
    Samples shaped = shape(all, job.network());
    int in = shaped.inputs();
    int out = shaped.outputs();
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int n = 0; n < shaped.rows(); n++) {
      SampleRow row = new SampleRow(Arrays.copyOfRange(shaped.x(), n * in, (n + 1) * in),
          Arrays.copyOfRange(shaped.t(), n * out, (n + 1) * out));
      (HeldOut.position(row, job.seed()) >= data.testFraction() ? train : test).add(n);
    }
    IndexPermutation pi = new IndexPermutation(train.size(), job.seed());
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[(int) pi.apply(i)] = train.get(i);
    }
    int[] kept = test.stream().mapToInt(Integer::intValue).toArray();
    return new Samples[] {rows(shaped, order), rows(shaped, kept)};
  }

  /** The samples of {@code from} at {@code rows}, in that order. */
  private static Samples rows(Samples from, int[] rows) {
    int in = from.inputs();
    int out = from.outputs();
    float[] x = new float[rows.length * in];
    float[] t = new float[rows.length * out];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(from.x(), rows[i] * in, x, i * in, in);
      System.arraycopy(from.t(), rows[i] * out, t, i * out, out);
    }
    return new Samples(x, t, rows.length, in, out);
  }

  private static Samples shape(RawData d, NetworkSpec network) {
    int outputs = network.size(network.depth());
    return network.classifies() && outputs > 1 ? Targets.oneHot(d, outputs)
        : Targets.regression(d);
  }
}
