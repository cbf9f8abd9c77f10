package org.sparkprop.bench;

import dev.ludovic.netlib.blas.BLAS;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import org.sparkprop.tensor.Blas;

/**
 * The machine's float32 sgemm throughput measured in this JVM through {@link Blas#get()}: one
 * thread alone, and one single-threaded sgemm per core on every core at once (each thread with its
 * own matrices), as Spark tasks run them. GFLOP/s = threads · calls · 2mnk / wall seconds, the
 * best of several repetitions after warmup.
 */
final class SgemmPeak {

  /** One shape's result. */
  record Result(int m, int n, int k, int threads, int callsPerRep, double bestSeconds,
      double gflops) {
    Map<String, Object> json() {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("m", m);
      o.put("n", n);
      o.put("k", k);
      o.put("threads", threads);
      o.put("calls_per_repetition", callsPerRep);
      o.put("best_seconds", bestSeconds);
      o.put("gflops", gflops);
      return o;
    }
  }

  private SgemmPeak() {}

  /**
   * Measures C(m×n) = A(m×k)·B(k×n), column-major, on {@code threads} threads at once.
   *
   * @param targetSeconds roughly how long one repetition should take (several calls per
   *     repetition for small shapes)
   */
  static Result measure(int m, int n, int k, int threads, int warmup, int reps,
      double targetSeconds) throws Exception {
    BLAS blas = Blas.get();
    double flop = 2.0 * m * n * k;
    // ~100 GFLOP/s per thread is the ceiling here; aim for targetSeconds per repetition.
    int calls = (int) Math.max(1, Math.round(targetSeconds * 100e9 / flop));
    float[][] a = new float[threads][];
    float[][] b = new float[threads][];
    float[][] c = new float[threads][];
    SplittableRandom random = new SplittableRandom(42);
    for (int t = 0; t < threads; t++) {
      a[t] = fill(new float[m * k], random);
      b[t] = fill(new float[k * n], random);
      c[t] = new float[m * n];
    }
    int total = warmup + reps;
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    CyclicBarrier end = new CyclicBarrier(threads + 1);
    Thread[] workers = new Thread[threads];
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < threads; t++) {
      final int id = t;
      workers[t] = new Thread(() -> {
        try {
          for (int r = 0; r < total; r++) {
            start.await();
            for (int i = 0; i < calls; i++) {
              blas.sgemm("N", "N", m, n, k, 1f, a[id], 0, m, b[id], 0, k, 0f, c[id], 0, m);
            }
            end.await();
          }
        } catch (Throwable e) {
          failure[0] = e;
        }
      }, "sgemm-" + t);
      workers[t].setDaemon(true);
      workers[t].start();
    }
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < total; r++) {
      start.await();
      long t0 = System.nanoTime();
      end.await();
      double s = (System.nanoTime() - t0) / 1e9;
      if (r >= warmup) {
        best = Math.min(best, s);
      }
    }
    for (Thread w : workers) {
      w.join();
    }
    if (failure[0] != null) {
      throw new IllegalStateException("sgemm thread failed", failure[0]);
    }
    double gflops = threads * calls * flop / best / 1e9;
    return new Result(m, n, k, threads, calls, best, gflops);
  }

  private static float[] fill(float[] x, SplittableRandom random) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() - 0.5);
    }
    return x;
  }
}
