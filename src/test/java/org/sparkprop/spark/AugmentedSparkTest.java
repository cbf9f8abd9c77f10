package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkprop.augment.Augmentation;
import org.sparkprop.augment.ImageShape;
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Softmax;
import org.sparkprop.optim.GradientDescent;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.Samples;
import org.sparkprop.train.TestSets;
import org.sparkprop.train.Trainer;
import org.sparkprop.train.TrainingConfig;
import org.sparkprop.train.TrainingListener;

/**
 * Augmented training on Spark partitions computes what the in-memory source computes on the same
 * batch plan, and a sample is changed the same way whichever partition holds it.
 */
class AugmentedSparkTest {

  private static final ImageShape SHAPE = new ImageShape(4, 4, 1);
  private static final Network NET = new Network(new NetworkSpec(new int[] {16, 10, 3},
      Activations.parse("tanh"), new Softmax(), new CrossEntropy()));
  private static final Augmentation ALL =
      new Augmentation(SHAPE, true, 20, 1, 1, 4, 0.2, 0.2, 0, 0.05);

  private static float[] train(GradientSource source) {
    Trainer trainer = new Trainer(new GradientDescent(0.1f), new TrainingConfig(2, 0),
        TrainingListener.NONE);
    return trainer.train(source, Initializer.initialTheta(NET, 5)).theta();
  }

  private static void assertClose(float[] expected, float[] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])),
          "theta[" + i + "]");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void partitionsMatchTheInMemorySourceOnTheSamePlan(int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(203, 16, 3, 31);
    BatchPlan plan = new BatchPlan(partitions, 25, 7, ALL);
    float[] inMemory = train(new InMemoryGradientSource(NET, data, plan));
    float[] spark;
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data, plan, 2)) {
      spark = train(source);
    }
    assertClose(inMemory, spark);
    float[] plain = train(new InMemoryGradientSource(NET, data, new BatchPlan(partitions, 25, 7)));
    assertFalse(Arrays.equals(plain, inMemory), "augmentation changed nothing");
  }

  /**
   * With the whole set as one batch every partitioning sees every sample once; the gradients
   * agree only if each sample is changed the same way on whichever partition holds it.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3, 5})
  void aSampleIsChangedAlikeOnAnyPartition(int partitions) {
    JavaSparkContext sc = LocalSpark.context();
    Samples data = TestSets.random(97, 16, 3, 13);
    float[] theta = Initializer.initialTheta(NET, 9);
    float[] one = new InMemoryGradientSource(NET, data, new BatchPlan(1, 97, 3, ALL))
        .gradient(theta, 1, 0).gradient();
    float[] many;
    try (SparkGradientSource source = new SparkGradientSource(sc, NET, data,
        new BatchPlan(partitions, 97, 3, ALL), 2)) {
      many = source.gradient(theta, 1, 0).gradient().clone();
    }
    assertClose(one, many);
  }
}
