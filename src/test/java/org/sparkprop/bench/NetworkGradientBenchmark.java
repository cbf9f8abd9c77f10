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
import org.sparkprop.nn.Activations;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Initializer;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Workspace;

/**
 * A whole {@code Network.gradient} (forward, softmax + cross-entropy, backward, gradient sums)
 * of a ReLU MLP at batch n on one thread, and the forward pass alone ({@code Network.loss}).
 * The {@code :flop} secondary result (FLOP/s) counts the gemm arithmetic actually done:
 * 2·n·Σ_k M_k·M_{k−1} forward; backward the same for ∂q/∂W plus 2·n·Σ_{k≥2} M_k·M_{k−1} for the
 * errors δ^{k−1} (none below the first layer). For 784-256-128-10 that is 4.29 × weights × n per
 * gradient, not the 6 × parameters × n convention of scripts/bench, which counts the input
 * layer's error too (a 40% overcount for this net).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NetworkGradientBenchmark {

  @Param({"784,256,128,10"})
  public String layers;

  @Param({"128", "1024"})
  public int batch;

  private Network network;
  private Workspace workspace;
  private float[] theta;
  private float[] x;
  private float[] t;
  private float[] grad;

  @Setup
  public void setup() {
    int[] sizes = java.util.Arrays.stream(layers.split(",")).mapToInt(Integer::parseInt).toArray();
    NetworkSpec spec = new NetworkSpec(sizes, Activations.parse("relu"),
        Activations.parse("softmax"), new CrossEntropy());
    network = new Network(spec);
    workspace = network.newWorkspace(batch);
    theta = Initializer.initialTheta(network, 1);
    SplittableRandom random = new SplittableRandom(5);
    x = new float[batch * sizes[0]];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    int classes = sizes[sizes.length - 1];
    t = new float[batch * classes];
    for (int n = 0; n < batch; n++) {
      t[n * classes + random.nextInt(classes)] = 1f;
    }
    grad = new float[network.parameterCount()];
    long all = 0;
    long above = 0;
    for (int k = 1; k < sizes.length; k++) {
      long w = (long) sizes[k] * sizes[k - 1];
      all += w;
      if (k >= 2) {
        above += w;
      }
    }
    forwardFlop = 2 * all * batch;
    gradientFlop = (4 * all + 2 * above) * batch;
  }

  private long forwardFlop;
  private long gradientFlop;

  @Benchmark
  public double gradient(FlopCounter flops) {
    flops.flop += gradientFlop;
    return network.gradient(theta, x, 0, t, 0, batch, workspace, grad);
  }

  @Benchmark
  public double forward(FlopCounter flops) {
    flops.flop += forwardFlop;
    return network.loss(theta, x, 0, t, 0, batch, workspace);
  }
}
