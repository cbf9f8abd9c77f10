package org.sparkprop.bench;

import org.apache.spark.api.java.JavaSparkContext;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Samples;

/** A bench model (784-256-128-10 unless named) with its sparkprop settings, and its initial Θ. */
record BenchModel(JobConfig config, Network network, float[] theta) {

  static BenchModel create() {
    return create(FashionBench.LARGE);
  }

  /**
   * The bench's model {@code layers} (a key of {@link FashionBench#DEFAULT_SETTINGS}, or other
   * layers from 784 inputs to 10 classes with the headline model's settings).
   */
  static BenchModel create(String layers) {
    String settings = FashionBench.DEFAULT_SETTINGS.get(layers);
    if (settings == null && layers.startsWith("784,") && layers.endsWith(",10")) {
      // Other Fashion-MNIST layers (e.g. a small Θ for per-job costs): the headline's settings.
      settings = FashionBench.DEFAULT_SETTINGS.get(FashionBench.LARGE);
    }
    if (settings == null) {
      throw new IllegalArgumentException("no bench settings for layers " + layers + "; known: "
          + FashionBench.DEFAULT_SETTINGS.keySet() + " or any 784,...,10");
    }
    JobConfig config = SparkpropSettings.config(layers, SparkpropSettings.parse(settings));
    Network network = new Network(config.network());
    return new BenchModel(config, network,
        Initializer.initialTheta(network, config.init(), config.seed()));
  }

  /** Its gradients over {@code train} on Spark, as training calls them: 2 partitions, depth 2. */
  SparkGradientSource source(JavaSparkContext sc, Samples train, int batch) {
    return new SparkGradientSource(sc, network, train, new BatchPlan(2, batch, config.seed()), 2);
  }
}
