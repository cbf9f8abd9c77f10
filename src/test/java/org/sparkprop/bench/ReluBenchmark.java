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
import org.sparkprop.nn.Relu;

/**
 * ReLU over the hidden layers of 784-256-128-10 for n rows (n × 384 values, pre-activations of
 * random sign, as in training): {@link Relu}'s branch-free kernels beside the obvious loops
 * with a sign test ({@code *Branching}), which they replaced. The array is refilled before each
 * call (included in every variant's time, {@code copyOnly} alone).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReluBenchmark {

  @Param({"512", "2048"})
  public int batch;

  private final Relu relu = new Relu();
  private float[] phi;
  private float[] a;
  private float[] s;
  private float[] delta;

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(5);
    int n = batch * (256 + 128);
    phi = new float[n];
    for (int i = 0; i < n; i++) {
      phi[i] = (float) random.nextGaussian();
    }
    a = new float[n];
    s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = Math.max(phi[i], 0f);
    }
    delta = new float[n];
  }

  @Benchmark
  public float[] copyOnly() {
    System.arraycopy(phi, 0, a, 0, a.length);
    return a;
  }

  @Benchmark
  public float[] forward() {
    System.arraycopy(phi, 0, a, 0, a.length);
    relu.forward(a, 0, 1, a.length);
    return a;
  }

  @Benchmark
  public float[] forwardBranching() {
    System.arraycopy(phi, 0, a, 0, a.length);
    for (int i = 0; i < a.length; i++) {
      if (a[i] < 0f) {
        a[i] = 0f;
      }
    }
    return a;
  }

  @Benchmark
  public float[] backward() {
    System.arraycopy(phi, 0, delta, 0, delta.length);
    relu.backward(s, delta, 0, 1, delta.length);
    return delta;
  }

  @Benchmark
  public float[] backwardBranching() {
    System.arraycopy(phi, 0, delta, 0, delta.length);
    for (int i = 0; i < delta.length; i++) {
      if (s[i] <= 0f) {
        delta[i] = 0f;
      }
    }
    return delta;
  }
}
