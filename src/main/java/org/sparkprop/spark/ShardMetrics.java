package org.sparkprop.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.QuantizedForward;
import org.sparkprop.nn.QuantizedTheta;
import org.sparkprop.train.MetricSums;

/**
 * A model's quality figures on cached shards, as one Spark job: every task adds its shard's
 * outputs into {@link MetricSums}, and only those sums (P of them, each of a size set by the
 * outputs) reach the driver, where they are added in partition order.
 */
public final class ShardMetrics {

  private ShardMetrics() {}

  /** The sums of {@code network} at Θ over every row of {@code shards}. */
  public static MetricSums of(JavaSparkContext sc, Network network, float[] theta,
      ShardRdd shards) {
    Broadcast<BulkFloats> weights = sc.broadcast(new BulkFloats(theta));
    try {
      sc.setJobDescription("evaluate " + shards.rows() + " rows");
      int outputs = network.spec().size(network.spec().depth());
      boolean classifies = network.spec().classifies();
      List<MetricSums> parts = shards.rdd().map(shard -> {
        MetricSums sums = new MetricSums(outputs, classifies);
        ExecutorWorkers.forNetwork(network).metrics(weights.value().values(), shard.samples(),
            sums);
        return sums;
      }).collect();
      MetricSums total = new MetricSums(outputs, classifies);
      parts.forEach(total::merge);
      return total;
    } finally {
      weights.destroy();
    }
  }

  /**
   * The sums of {@code network} with the quantized weights {@code quantized} over every row of
   * {@code shards}: the executors receive and read the quantized values ({@link QuantizedForward}).
   */
  public static MetricSums of(JavaSparkContext sc, Network network, QuantizedTheta quantized,
      ShardRdd shards) {
    Broadcast<QuantizedForward> weights = sc.broadcast(new QuantizedForward(network, quantized));
    try {
      sc.setJobDescription("evaluate " + shards.rows() + " rows, " + quantized.type().label());
      int outputs = network.spec().size(network.spec().depth());
      boolean classifies = network.spec().classifies();
      List<MetricSums> parts = shards.rdd().map(shard -> {
        MetricSums sums = new MetricSums(outputs, classifies);
        ExecutorWorkers.forNetwork(network).metrics(weights.value(), shard.samples(), sums);
        return sums;
      }).collect();
      MetricSums total = new MetricSums(outputs, classifies);
      parts.forEach(total::merge);
      return total;
    } finally {
      weights.destroy();
    }
  }
}
