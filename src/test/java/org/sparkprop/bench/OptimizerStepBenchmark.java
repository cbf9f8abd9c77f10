package org.sparkprop.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sparkprop.optim.Optimizer;
import org.sparkprop.optim.OptimizerSettings;
import org.sparkprop.optim.OptimizerState;
import org.sparkprop.optim.Optimizers;

/**
 * One optimizer step over the 235,146 weights of 784-256-128-10, with each optimizer's default
 * settings: the driver's share of every update, between the gradient job and the next
 * broadcast. The gradient is fixed and small, so Θ barely moves over a measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerStepBenchmark {

  private static final int WEIGHTS = 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10;

  @Param({"sgd", "momentum", "nag", "adagrad", "adadelta", "rmsprop", "adam", "adamax", "nadam"})
  public String optimizer;

  private Optimizer rule;
  private OptimizerState state;
  private float[] theta;
  private float[] gradient;

  @Setup
  public void setup() {
    rule = Optimizers.parse(optimizer, OptimizerSettings.DEFAULTS);
    state = rule.init(WEIGHTS);
    SplittableRandom random = new SplittableRandom(3);
    theta = new float[WEIGHTS];
    gradient = new float[WEIGHTS];
    for (int i = 0; i < WEIGHTS; i++) {
      theta[i] = (float) random.nextGaussian() * 0.05f;
      gradient[i] = (float) random.nextGaussian() * 1e-4f;
    }
  }

  @Benchmark
  public float[] step() {
    rule.update(theta, gradient, state, 1f);
    return theta;
  }
}
