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
 * Networks beyond the perceptron train the default spirals job (2-32-32-2, momentum with step
 * size 0.01, 50 epochs; the momentum default of 0.03 suits the plain network but overshoots with
 * batch normalization here) to at least 97% test accuracy through the settings path of the command line: skip-connection
 * networks, a residual network, and both with the other additions and activations. Drop-out
 * slows plain momentum SGD down on this small net (about 200 epochs instead of 50), so that case
 * runs with Adam; on a net this small, drop-out in front of batch normalization costs a few
 * points (the train/inference variance shift of Li et al. 2019), so it is not combined here. In memory with the Spark job's
 * batch plan (two shards), which ArchitectureSparkEquivalenceTest shows to compute what Spark
 * computes; standardization is fitted on the training inputs as the job does.
 */
class ArchitecturesOnSpiralsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "skip connection from the inputs|connections=2<-0,1",
      "skip connection to the output|connections=3<-1,2",
      "residual block|residual=1-2",
      "skip + residual + layerNorm|connections=3<-0,2;residual=1-2;layerNorm=true",
      "residual + batchNorm + standardize|residual=1-2;batchNorm=true;standardize=true",
      "residual + layerNorm + dropout, adam|residual=1-2;layerNorm=true;dropout=0.05;optimizer=adam;stepSize=0.01",
      "leaky_relu with skip|activation=leaky_relu;connections=2<-0,1",
      "prelu residual, adam|activation=prelu;residual=1-2;optimizer=adam;stepSize=0.01",
      "elu residual|activation=elu;residual=1-2",
      "maxout skip|activation=maxout:3;connections=2<-0,1",
  })

  void reachesNinetySevenPercent(String name, String overrides) {
    Settings settings = Settings.defaults().withOverride("stepSize=0.01", "test");
    for (String assignment : overrides.split(";(?=[a-zA-Z]+=)")) {
      settings = settings.withOverride(assignment, "test");
    }
    JobConfig job = JobConfig.from(settings);
    LocalData data = LocalData.of(job);
    Network network = new Network(job.network());
    network.fitStandardization(data.train().x(), 0, data.train().rows());
    BatchPlan plan = new BatchPlan(2, job.batchSize(data.train().rows()), job.seed());
    TrainingResult result = job.train(network,
        new InMemoryGradientSource(network, data.train(), plan), null, TrainingListener.NONE);
    GradientSum test = new GradientSum();
    new ShardWorker(network).evaluate(result.theta(), data.test(), test);
    double accuracy = (double) test.correct() / test.count();
    assertTrue(accuracy >= 0.97, name + " (" + job.network() + "): test accuracy " + accuracy
        + " after " + result.epochs() + " epochs");
  }
}
