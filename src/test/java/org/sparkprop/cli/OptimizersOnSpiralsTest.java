package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkprop.nn.Network;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;
import org.sparkprop.train.ShardWorker;
import org.sparkprop.train.TrainingListener;
import org.sparkprop.train.TrainingResult;

/**
 * Every optimizer trains the default spirals job to at least 95% test accuracy, through the same
 * settings path as the command line. It runs in memory with the Spark job's batch plan (two
 * shards), which SparkEquivalenceTest shows to compute the same weights as Spark.
 */
class OptimizersOnSpiralsTest {

  @ParameterizedTest(name = "{0} stepSize={1}")
  @CsvSource({
      "sgd, 0.3, minibatch, 50",
      "momentum, auto, minibatch, 50",
      "nag, auto, minibatch, 50",
      "adagrad, 0.05, minibatch, 50",
      "adadelta, auto, minibatch, 50",
      "rmsprop, 0.003, minibatch, 50",
      "adam, 0.01, minibatch, 50",
      "adamax, 0.01, minibatch, 50",
      "nadam, 0.01, minibatch, 50",
      "lbfgs, auto, batch, 150",
  })
  void reachesNinetyFivePercent(String optimizer, String stepSize, String mode, int epochs) {
    Settings settings = Settings.defaults()
        .with("optimizer", optimizer, "test")
        .with("stepSize", stepSize, "test")
        .with("mode", mode, "test")
        .with("epochs", Integer.toString(epochs), "test");
    JobConfig job = JobConfig.from(settings);
    LocalData data = LocalData.of(job);
    Network network = new Network(job.network());
    BatchPlan plan = new BatchPlan(2, job.batchSize(data.train().rows()), job.seed());
    TrainingResult result = job.train(network,
        new InMemoryGradientSource(network, data.train(), plan), null, TrainingListener.NONE);
    GradientSum test = new GradientSum();
    new ShardWorker(network).evaluate(result.theta(), data.test(), test);
    double accuracy = (double) test.correct() / test.count();
    assertTrue(accuracy >= 0.95, job.optimizerDescription() + ": test accuracy " + accuracy
        + " after " + result.epochs() + " epochs (" + result.stopReason().label() + ")");
  }
}
