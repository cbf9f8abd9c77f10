package org.sparkprop.spark;

import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkprop.nn.Network;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;
import org.sparkprop.train.ShardWorker;

/**
 * A fixed-size sample of a data set's rows with a model's outputs, drawn on the executors for
 * the plots of a run report: each shard picks at most ⌈cap / P⌉ of its rows with a label
 * (seeded, without replacement), runs the forward pass over them and returns their truth and
 * prediction; the driver only gathers at most {@code cap} rows, whatever the size of the data.
 * {@code truth} and {@code predicted} are class indices for a classifier, the first target and
 * output for a regression; {@code x} holds the two inputs of each row (row-major) when the
 * network has two inputs, else nothing.
 */
public record RowSample(int rows, float[] x, float[] truth, float[] predicted)
    implements Serializable {

  /** Draws at most {@code cap} rows of {@code shards} with the outputs of the network at Θ. */
  public static RowSample draw(JavaSparkContext sc, Network network, float[] theta,
      ShardRdd shards, int cap, long seed) {
    if (cap < 1) {
      throw new IllegalArgumentException("a row sample of " + cap + " rows: it must be >= 1");
    }
    Broadcast<BulkFloats> weights = sc.broadcast(new BulkFloats(theta));
    try {
      sc.setJobDescription("report sample: up to " + cap + " of " + shards.rows() + " rows");
      int quota = (cap + shards.shards() - 1) / shards.shards();
      List<RowSample> parts = shards.rdd()
          .map(shard -> ofShard(network, weights.value().values(), shard, quota, seed))
          .collect();
      return concat(parts, cap);
    } finally {
      weights.destroy();
    }
  }

  /**
   * Up to {@code quota} rows of {@code shard} (a seeded partial Fisher-Yates shuffle) among those
   * with a label: a row without one ({@link Samples#unlabeled()}) has no truth to draw.
   */
  static RowSample ofShard(Network network, float[] theta, Shard shard, int quota, long seed) {
    Samples all = shard.samples();
    int labeled = 0;
    for (int i = 0; i < all.rows(); i++) {
      labeled += all.hasLabel(i) ? 1 : 0;
    }
    int n = Math.min(quota, labeled);
    int[] order = new int[labeled];
    for (int i = 0, at = 0; i < all.rows(); i++) {
      if (all.hasLabel(i)) {
        order[at++] = i;
      }
    }
    SplittableRandom random = new SplittableRandom(seed * 31 + shard.index());
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(order.length - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int in = all.inputs();
    int out = all.outputs();
    float[] x = new float[all.isSparse() ? 0 : n * in];
    float[] t = new float[n * out];
    for (int r = 0; r < n; r++) {
      if (!all.isSparse()) {
        System.arraycopy(all.x(), order[r] * in, x, r * in, in);
      }
      System.arraycopy(all.t(), order[r] * out, t, r * out, out);
    }
    Samples picked = all.isSparse()
        ? Samples.sparse(all.sparse().select(order, n), t, out, null)
        : new Samples(x, t, n, in, out);
    if (all.isSparse() && in == 2) {
      x = picked.sparse().dense();
    }
    boolean classifies = network.spec().classifies();
    float[] truth = new float[n];
    float[] predicted = new float[n];
    for (int r = 0; r < n; r++) {
      truth[r] = classifies ? classOf(t, r, out) : t[r * out];
    }
    new ShardWorker(network).forEachOutput(theta, picked, (from, rows, s) -> {
      for (int r = 0; r < rows; r++) {
        predicted[from + r] = classifies ? classOf(s, r, out) : s[r * out];
      }
    });
    return new RowSample(n, in == 2 ? x : new float[0], truth, predicted);
  }

  /** The class of row {@code r} of row-major values with {@code c} columns (s ≥ ½ for one). */
  static int classOf(float[] v, int r, int c) {
    if (c == 1) {
      return v[r] >= 0.5f ? 1 : 0;
    }
    int best = 0;
    for (int k = 1; k < c; k++) {
      if (v[r * c + k] > v[r * c + best]) {
        best = k;
      }
    }
    return best;
  }

  /** The parts one after the other, cut at {@code cap} rows. */
  static RowSample concat(List<RowSample> parts, int cap) {
    int rows = Math.min(cap, parts.stream().mapToInt(RowSample::rows).sum());
    boolean planar = parts.stream().anyMatch(p -> p.x().length > 0);
    float[] x = new float[planar ? rows * 2 : 0];
    float[] truth = new float[rows];
    float[] predicted = new float[rows];
    int at = 0;
    for (RowSample p : parts) {
      int n = Math.min(p.rows(), rows - at);
      if (planar) {
        System.arraycopy(p.x(), 0, x, at * 2, n * 2);
      }
      System.arraycopy(p.truth(), 0, truth, at, n);
      System.arraycopy(p.predicted(), 0, predicted, at, n);
      at += n;
    }
    return new RowSample(rows, x, truth, predicted);
  }
}
