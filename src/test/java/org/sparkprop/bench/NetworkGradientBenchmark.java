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
 * The {@code :flop} secondary result (FLOP/s) counts the gemm arithmetic actually done
 * ({@link GemmWork}), not the 6 × parameters convention of scripts/bench's training FLOP/s.
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
    forwardFlop = GemmWork.forwardPerSample(sizes) * batch;
    gradientFlop = GemmWork.gradientPerSample(sizes) * batch;
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
