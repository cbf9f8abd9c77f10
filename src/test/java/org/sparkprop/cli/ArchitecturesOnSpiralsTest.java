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
 * Networks beyond the perceptron train the spirals job of {@link MomentumSpirals} (2-32-32-2,
 * momentum) through the settings path of the command line: skip-connection networks, a residual
 * network, and both with the other additions and activations. In memory with the Spark job's
 * batch plan (two shards), which ArchitectureSparkEquivalenceTest shows to compute what Spark
 * computes; standardization is fitted on the training inputs as the job does.
 *
 * <p>Thresholds carry a measured margin. Float rounding differs between OpenBLAS kernels, and a
 * run that is bitwise reproducible on one machine ends elsewhere on another, so every case was run
 * by scripts/accuracy-margins with seeds 1 to 5 under {@code OPENBLAS_CORETYPE=Haswell},
 * {@code SkylakeX} and {@code Prescott} (15 runs a case; minimum against threshold):
 * <ul>
 *   <li>80 epochs (the default momentum step 0.03): every case but batch normalization reached
 *       at least 0.978 (prelu residual with Adam, seed 3 under Prescott; the others 0.984 or more),
 *       against 0.95 here: a margin of 0.028 or more. At 50 epochs the skip connection from the
 *       inputs gave 0.952 to 0.956 for seed 1 under Haswell and Prescott, hence the 80 epochs;
 *   <li>residual + batch normalization + standardization is the noisy one on 1,500 rows (its
 *       per-shard statistics): step 0.01 and 50 epochs gave 0.958 to 0.990 (0.03 overshoots, down
 *       to 0.73), against 0.93 here: a margin of 0.028.
 * </ul>
 * Drop-out slows plain momentum SGD down on this small net, so that case runs with Adam; on a net
 * this small, drop-out in front of batch normalization costs a few points (the train/inference
 * variance shift of Li et al. 2019), so it is not combined here.
 */
class ArchitecturesOnSpiralsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "skip connection from the inputs|connections=2<-0,1;epochs=80|0.95",
      "skip connection to the output|connections=3<-1,2;epochs=80|0.95",
      "residual block|residual=1-2;epochs=80|0.95",
      "skip + residual + layerNorm|connections=3<-0,2;residual=1-2;layerNorm=true;epochs=80|0.95",
      "residual + batchNorm + standardize|residual=1-2;batchNorm=true;standardize=true;stepSize=0.01|0.93",
      "residual + layerNorm + dropout, adam|residual=1-2;layerNorm=true;dropout=0.05;optimizer=adam;stepSize=0.01;epochs=80|0.95",
      "leaky_relu with skip|activation=leaky_relu;connections=2<-0,1;epochs=80|0.95",
      "prelu residual, adam|activation=prelu;residual=1-2;optimizer=adam;stepSize=0.01;epochs=80|0.95",
      "elu residual|activation=elu;residual=1-2;epochs=80|0.95",
      "maxout skip|activation=maxout:3;connections=2<-0,1;epochs=80|0.95",
  })

  void reachesItsMeasuredAccuracy(String name, String overrides, double threshold) {
    Settings settings = MomentumSpirals.settings();
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
    assertTrue(accuracy >= threshold, name + " (" + job.network() + "): test accuracy " + accuracy
        + " after " + result.epochs() + " epochs");
  }
}
