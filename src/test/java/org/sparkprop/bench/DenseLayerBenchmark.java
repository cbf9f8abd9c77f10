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
import org.sparkprop.tensor.RowMajor;

/**
 * One dense layer of n rows, M_in → M_out, with the exact kernel calls of
 * {@code org.sparkprop.nn.Network} (weights row-major M_out × M_in with leading dimension
 * M_in + 1, the bias in column 0, as in Θ):
 * <ul>
 *   <li>forward: φ = S·Wᵀ + b (bias broadcast, then one gemm): 2·n·M_in·M_out FLOP;
 *   <li>backward: ∂q/∂W = −δᵀS (gemm), ∂q/∂b = −Σ_n δ (column sums), and the error of the layer
 *       below δ·W (gemm): 4·n·M_in·M_out FLOP.
 * </ul>
 * The {@code :flop} secondary result is the FLOP rate (ops/s = FLOP/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DenseLayerBenchmark {

  /** M_in x M_out. */
  @Param({"784x256", "256x128"})
  public String layer;

  @Param({"128", "1024"})
  public int batch;

  private int in;
  private int out;
  private float[] theta;
  private float[] s;
  private float[] phi;
  private float[] delta;
  private float[] deltaBelow;
  private float[] grad;
  private float[] ones;

  @Setup
  public void setup() {
    String[] p = layer.split("x");
    in = Integer.parseInt(p[0]);
    out = Integer.parseInt(p[1]);
    SplittableRandom random = new SplittableRandom(7);
    theta = fill(new float[out * (in + 1)], random);
    s = fill(new float[batch * in], random);
    phi = new float[batch * out];
    delta = fill(new float[batch * out], random);
    deltaBelow = new float[batch * in];
    grad = new float[theta.length];
    ones = new float[batch];
    java.util.Arrays.fill(ones, 1f);
  }

  @Benchmark
  public float[] forward(FlopCounter flops) {
    int ld = in + 1;
    RowMajor.broadcastRows(theta, 0, ld, batch, out, phi, 0, out);
    RowMajor.gemm(false, true, batch, out, in, 1f, s, 0, in, theta, 1, ld, 1f, phi, 0, out);
    flops.flop += 2L * batch * in * out;
    return phi;
  }

  @Benchmark
  public float[] backward(FlopCounter flops) {
    int ld = in + 1;
    RowMajor.gemm(true, false, out, in, batch, -1f, delta, 0, out, s, 0, in, 1f, grad, 1, ld);
    RowMajor.addColumnSums(-1f, delta, 0, out, batch, out, grad, 0, ld, ones);
    RowMajor.gemm(false, false, batch, in, out, 1f, delta, 0, out, theta, 1, ld, 0f,
        deltaBelow, 0, in);
    flops.flop += 4L * batch * in * out;
    return deltaBelow;
  }

  static float[] fill(float[] x, SplittableRandom random) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() - 0.5) * 0.1f;
    }
    return x;
  }
}
