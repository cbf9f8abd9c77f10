package org.sparkprop.bench;

import org.apache.spark.api.java.JavaSparkContext;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Samples;

/** 784-256-128-10 with the benchmark's sparkprop settings, and its initial Θ. */
record LargeModel(JobConfig config, Network network, float[] theta) {

  static LargeModel create() {
    JobConfig config = SparkpropSettings.config(FashionBench.LARGE,
        SparkpropSettings.parse(FashionBench.DEFAULT_SETTINGS.get(FashionBench.LARGE)));
    Network network = new Network(config.network());
    return new LargeModel(config, network,
        Initializer.initialTheta(network, config.init(), config.seed()));
  }

  /** Its gradients over {@code train} on Spark, as training calls them: 2 partitions, depth 2. */
  SparkGradientSource source(JavaSparkContext sc, Samples train, int batch) {
    return new SparkGradientSource(sc, network, train, new BatchPlan(2, batch, config.seed()), 2);
  }
}
