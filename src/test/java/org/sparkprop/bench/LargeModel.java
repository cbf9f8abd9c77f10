package org.sparkprop.bench;

import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.train.JobConfig;

/** 784-256-128-10 with the benchmark's sparkprop settings, and its initial Θ. */
record LargeModel(JobConfig config, Network network, float[] theta) {

  static LargeModel create() {
    JobConfig config = SparkpropSettings.config(FashionBench.LARGE,
        SparkpropSettings.parse(FashionBench.DEFAULT_SETTINGS.get(FashionBench.LARGE)));
    Network network = new Network(config.network());
    return new LargeModel(config, network,
        Initializer.initialTheta(network, config.init(), config.seed()));
  }
}
