package org.sparkprop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.sparkprop.spark.CheckpointStore;
import org.sparkprop.train.TrainingState;

/**
 * Time to write and to read back a checkpoint of a Θ of {@code args[0]} floats (default 675,000:
 * 2.7 MB) with adam's two moments, on the local file system: the median of {@code args[1]}
 * (default 9) of each, printed. Compiles against every version of CheckpointStore since format 3,
 * to compare them.
 */
public final class CheckpointTiming {

  private CheckpointTiming() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 675_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    Random random = new Random(1);
    float[][] arrays = new float[3][n];
    for (float[] a : arrays) {
      for (int i = 0; i < n; i++) {
        a[i] = (float) random.nextGaussian();
      }
    }
    Path dir = Files.createTempDirectory("ckpt-timing");
    Map<String, String> settings = Map.of("layers", "784,800,10", "seed", "1");
    double[] write = new double[runs];
    double[] read = new double[runs];
    try (CheckpointStore store = new CheckpointStore(dir.toString(), 1, 2, settings, null,
        new Configuration())) {
      for (int r = 0; r < runs; r++) {
        TrainingState state = new TrainingState(r + 1, r + 1, arrays[0],
            List.of(arrays[1], arrays[2]), r + 1, 0.5, 0, Double.NaN, null, null, List.of());
        long t0 = System.nanoTime();
        store.save(state);
        long t1 = System.nanoTime();
        TrainingState back = store.latest();
        long t2 = System.nanoTime();
        if (!Arrays.equals(back.theta(), arrays[0])) {
          throw new IllegalStateException("read back another Θ");
        }
        write[r] = (t1 - t0) / 1e6;
        read[r] = (t2 - t1) / 1e6;
      }
    }
    Arrays.sort(write);
    Arrays.sort(read);
    System.out.printf("checkpoint of %d floats (Θ %.1f MB, 3 arrays): write %.1f ms, read %.1f ms"
        + " (medians of %d)%n", n, n * 4 / 1e6, write[runs / 2], read[runs / 2], runs);
  }
}
