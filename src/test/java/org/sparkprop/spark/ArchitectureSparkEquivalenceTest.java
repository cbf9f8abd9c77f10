package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.Architecture;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Normalization;
import org.sparkprop.nn.Softmax;
import org.sparkprop.nn.Topology;
import org.sparkprop.optim.Adam;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.RunningStatisticsSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.ShardWorker;
import org.sparkprop.train.TestSets;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/**
 * A network with every addition (standardized inputs, PReLU, a skip connection, a residual block,
 * layer and batch normalization with per-shard statistics, drop-out) trains on P Spark partitions
 * to the same bits as in memory: the same Θ, the same running statistics, hence the same
 * predictions; and Spark's inference on the executors, whose threads keep the network of their
 * first task, uses the driver's latest running statistics.
 */
class ArchitectureSparkEquivalenceTest {

  private static final NetworkSpec SPEC = new NetworkSpec(new int[] {5, 12, 12, 7, 3},
      Activations.parse("prelu"), new Softmax(), new CrossEntropy(),
      Architecture.plain(4).withTopology(Topology.parse("3<-0,2", "1-2", 4))
          .withNormalization(1, Normalization.BATCH).withNormalization(2, Normalization.LAYER)
          .withNormalization(3, Normalization.BATCH).withDropout(0.3f).withStandardize(true));

  private static Network network(Samples data) {
    Network net = new Network(SPEC);
    net.fitStandardization(data.x(), 0, data.rows());
    return net;
  }

  private static TrainingResult train(Network net, GradientSource source) {
    Trainer trainer = new Trainer(new Adam(0.01f, 0.9f, 0.999f, 1e-8f), new TrainingConfig(3, 0),
        TrainingListener.NONE);
    return trainer.train(RunningStatisticsSource.wrap(net, source),
        Initializer.initialTheta(net, 11));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void sparkTrainsAndPredictsLikeInMemory(int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(301, 5, 3, 17);
    for (int i = 0; i < data.x().length; i++) {
      data.x()[i] = 3f * data.x()[i] + 1f; // raw features off centre, for the standardization
    }
    Samples test = TestSets.random(57, 5, 3, 18);
    BatchPlan plan = new BatchPlan(partitions, 20, 23);
    Network local = network(data);
    TrainingResult inMemory = train(local, new InMemoryGradientSource(local, data, plan));
    Network remote = network(data);
    TrainingResult spark;
    GradientSum sparkEval;
    try (SparkGradientSource source = new SparkGradientSource(sc, remote, data, plan, 2)) {
      spark = train(remote, source);
      sparkEval = source.evaluate(spark.theta());
    }
    assertEquals(inMemory.updates(), spark.updates());
    assertArrayEquals(inMemory.theta(), spark.theta(), "Θ");
    assertArrayEquals(local.state().values(), remote.state().values(), "running statistics");

    float[] a = predictions(local, inMemory.theta(), test);
    float[] b = predictions(remote, spark.theta(), test);
    assertArrayEquals(a, b, "predictions");

    // Executors predict with the latest running statistics: Spark's evaluation of the training
    // set equals the driver's.
    GradientSum driverEval = new InMemoryGradientSource(local, data, plan).evaluate(
        inMemory.theta());
    assertEquals(driverEval.loss(), sparkEval.loss(), 1e-9 * Math.abs(driverEval.loss()));
    assertEquals(driverEval.correct(), sparkEval.correct());
  }

  private static float[] predictions(Network net, float[] theta, Samples test) {
    float[] out = new float[test.rows() * test.outputs()];
    new ShardWorker(net).forEachOutput(theta, test,
        (from, rows, s) -> System.arraycopy(s, 0, out, from * test.outputs(),
            rows * test.outputs()));
    return out;
  }
}
