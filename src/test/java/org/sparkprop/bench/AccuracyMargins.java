package org.sparkprop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Split;
import org.sparkprop.data.Synthetic;
import org.sparkprop.data.Targets;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.tensor.Blas;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.DataConfig;
import org.sparkprop.train.GradientSum;
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
 * memory on the Spark job's batch plan (two shards; SparkEquivalenceTest shows Spark computes the
 * same) with standardization fitted on the training inputs, as the command line does. One line per
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

  /** The job's synthetic set, split into training and test samples as the job splits it. */
  private static Samples[] data(JobConfig job) {
    DataConfig data = job.data();
    if (data.format() != DataConfig.Format.SYNTHETIC || !data.heldOut()) {
      throw new IllegalArgumentException("data.format is " + data.format()
          + "; AccuracyMargins takes synthetic sets with a held-out test (data.testFraction > 0)");
    }
    RawData all = Synthetic.byName(data.train(), data.samples(), data.noise(), job.seed());
    RawData[] split = Split.trainTest(all, data.testFraction(), job.seed());
    return new Samples[] {shape(split[0], job.network()), shape(split[1], job.network())};
  }

  private static Samples shape(RawData d, NetworkSpec network) {
    int outputs = network.size(network.depth());
    return network.classifies() && outputs > 1 ? Targets.oneHot(d, outputs)
        : Targets.regression(d);
  }
}
