package org.sparkprop.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparkprop.spark.SampleRow;
import org.sparkprop.spark.ShardRdd;

/**
 * Rows of Fashion-MNIST's shape (784 inputs in [0, 1), one-hot targets of 10 classes) generated on
 * the executors and packed into cached shards, so that no data passes through the driver. An
 * update's arithmetic depends on the shapes only, not on the values.
 */
final class SyntheticShards {

  static final int INPUTS = 784;
  static final int CLASSES = 10;

  private SyntheticShards() {}

  /**
   * {@code rows} rows in {@code partitions} cached shards; slice s of the generated rows is a
   * pure function of (seed, s), so a recomputed slice is the same.
   */
  static ShardRdd fashionShaped(JavaSparkContext sc, int rows, int partitions, long seed) {
    if (rows < partitions) {
      throw new IllegalArgumentException("rows is " + rows + "; it must be at least the "
          + partitions + " partitions");
    }
    List<Integer> slices = IntStream.range(0, partitions).boxed().toList();
    JavaRDD<SampleRow> generated = sc.parallelize(slices, partitions).flatMap(slice -> {
      int from = (int) ((long) rows * slice / partitions);
      int to = (int) ((long) rows * (slice + 1) / partitions);
      SplittableRandom random = new SplittableRandom(seed * 1_000_003L + slice);
      return IntStream.range(from, to).mapToObj(r -> {
        float[] x = new float[INPUTS];
        for (int j = 0; j < INPUTS; j++) {
          x[j] = (float) random.nextDouble();
        }
        float[] t = new float[CLASSES];
        t[random.nextInt(CLASSES)] = 1f;
        return new SampleRow(x, t);
      }).iterator();
    });
    return ShardRdd.fromRows(generated, partitions, INPUTS, CLASSES);
  }
}
