package org.sparkprop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparkprop.augment.Augmentation;
import org.sparkprop.augment.ImageShape;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.InMemoryGradientSource;
import org.sparkprop.train.Samples;

/**
 * What augmentation adds to an update's arithmetic: the CPU time of one shard's gradient at
 * batch 1024 on Fashion-MNIST (784-256-128-10) with flip, shift and rotation on, against none,
 * in one thread, alternating blocks of updates after a warm-up; the median of each. Thread CPU
 * time, so other load on the machine changes it less than wall time would.
 *   scripts/bench --main AugmentCost [ROUNDS] [UPDATES_PER_BLOCK] [BATCH] [flip,shift,rotate]
 */
public final class AugmentCost {

  private AugmentCost() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int block = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    Path data = Path.of(System.getProperty("bench.root", "."), "data", "fashion-mnist");
    Samples train = FashionData.load(data).train();
    BenchModel model = BenchModel.create(FashionBench.LARGE);
    String which = args.length > 3 ? args[3] : "flip,shift,rotate";
    Augmentation all = new Augmentation(new ImageShape(28, 28, 1), which.contains("flip"),
        which.contains("rotate") ? 10 : 0, which.contains("shift") ? 2 : 0, 0, 0, 0, 0, 0, 0);
    InMemoryGradientSource plain = new InMemoryGradientSource(model.network(), train,
        new BatchPlan(1, batch, 1));
    InMemoryGradientSource augmented = new InMemoryGradientSource(model.network(), train,
        new BatchPlan(1, batch, 1, all));
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    float[] theta = model.theta();
    int perEpoch = (train.rows() + batch - 1) / batch;
    run(plain, theta, 100, perEpoch, cpu);
    run(augmented, theta, 100, perEpoch, cpu);
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      a.add(run(plain, theta, block, perEpoch, cpu));
      b.add(run(augmented, theta, block, perEpoch, cpu));
    }
    double ma = Median.of(a.stream().mapToDouble(Double::doubleValue).toArray());
    double mb = Median.of(b.stream().mapToDouble(Double::doubleValue).toArray());
    System.out.printf(Locale.ROOT, "CPU ms per update at batch %d, one thread (median of %d blocks"
        + " of %d): none %.2f, %s %.2f, ratio %.3f%n", batch, rounds, block, ma, all, mb,
        mb / ma);
    System.out.println("blocks none " + a + ", augmented " + b);
  }

  private static double run(InMemoryGradientSource source, float[] theta, int updates,
      int perEpoch, ThreadMXBean cpu) {
    long start = cpu.getCurrentThreadCpuTime();
    for (int u = 0; u < updates; u++) {
      source.gradient(theta, u / perEpoch, u % perEpoch);
    }
    return (cpu.getCurrentThreadCpuTime() - start) / 1e6 / updates;
  }
}
