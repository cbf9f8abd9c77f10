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
import org.openjdk.jmh.infra.Blackhole;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.Softmax;

/**
 * The output layer's element-wise part for n rows of 10 classes, as {@code Network.gradient}
 * runs it: softmax of the pre-activations (in place, so they are copied back first), the
 * cross-entropy loss value, and the output error δ^L = t − s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OutputDeltaBenchmark {

  @Param({"128", "1024"})
  public int batch;

  private static final int CLASSES = 10;
  private final Softmax softmax = new Softmax();
  private final CrossEntropy loss = new CrossEntropy();
  private float[] logits;
  private float[] s;
  private float[] t;
  private float[] delta;

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(3);
    logits = new float[batch * CLASSES];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (random.nextGaussian() * 3);
    }
    s = new float[logits.length];
    t = new float[logits.length];
    for (int n = 0; n < batch; n++) {
      t[n * CLASSES + random.nextInt(CLASSES)] = 1f;
    }
    delta = new float[logits.length];
  }

  /** Softmax + loss value + δ^L: what the output layer costs per batch besides its gemm. */
  @Benchmark
  public float[] softmaxLossDelta(Blackhole bh) {
    System.arraycopy(logits, 0, s, 0, s.length);
    softmax.forward(s, 0, batch, CLASSES);
    bh.consume(loss.value(s, 0, t, 0, batch, CLASSES));
    loss.outputDelta(softmax, s, t, 0, delta, batch, CLASSES);
    return delta;
  }

  /** Softmax alone (with the copy of the logits). */
  @Benchmark
  public float[] softmaxOnly() {
    System.arraycopy(logits, 0, s, 0, s.length);
    softmax.forward(s, 0, batch, CLASSES);
    return s;
  }
}
