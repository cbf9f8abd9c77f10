package org.sparkprop.cli;

import org.sparkprop.data.RawData;
import org.sparkprop.data.Split;
import org.sparkprop.data.Synthetic;
import org.sparkprop.data.Targets;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.train.DataConfig;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Samples;

/**
 * A synthetic job's training and test samples in this JVM, for tests of the math on the in-memory
 * gradient source: the set of {@link Synthetic} with the job's seed, shuffled and split by
 * {@link Split#trainTest} (test share {@code data.testFraction}), shaped as the network's targets.
 */
record LocalData(Samples train, Samples test) {

  static LocalData of(JobConfig job) {
    DataConfig data = job.data();
    if (data.format() != DataConfig.Format.SYNTHETIC || !data.heldOut()) {
      throw new IllegalArgumentException("LocalData serves synthetic sets with a held-out test");
    }
    RawData all = Synthetic.byName(data.train(), data.samples(), data.noise(), job.seed());
    RawData[] split = Split.trainTest(all, data.testFraction(), job.seed());
    return new LocalData(shape(split[0], job.network()), shape(split[1], job.network()));
  }

  private static Samples shape(RawData d, NetworkSpec network) {
    int outputs = network.size(network.depth());
    return network.classifies() && outputs > 1 ? Targets.oneHot(d, outputs)
        : Targets.regression(d);
  }
}
