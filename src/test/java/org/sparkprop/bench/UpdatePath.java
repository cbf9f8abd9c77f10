package org.sparkprop.bench;

import org.apache.spark.api.java.JavaSparkContext;
import org.sparkprop.nn.Network;
import org.sparkprop.spark.BarrierSlotsException;
import org.sparkprop.spark.BarrierUpdates;
import org.sparkprop.spark.ShardRdd;
import org.sparkprop.spark.SparkGradientSource;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Samples;
import org.sparkprop.train.SyncMode;

/**
 * Where a bench run's updates go, chosen as {@code DistributedFit} chooses for a fit: barrier
 * stages ({@link BarrierUpdates}: each epoch's updates in one stage) when the config asks for
 * them ({@code sync=barrier}) or allows them ({@code sync=auto}, the default) and the session has
 * a task slot for every shard; else one Spark job per update ({@code sync=step}). The shards are
 * the samples packed and cached over the plan's partitions; closing this frees them.
 */
final class UpdatePath implements AutoCloseable {

  private final SparkGradientSource source;
  private final BarrierUpdates barrier;

  private UpdatePath(SparkGradientSource source, BarrierUpdates barrier) {
    this.source = source;
    this.barrier = barrier;
  }

  /** Packs {@code samples} into the plan's shards and opens the config's path over them. */
  static UpdatePath open(JavaSparkContext sc, JobConfig config, Network network, Samples samples,
      BatchPlan plan) {
    ShardRdd packed = ShardRdd.fromSamples(sc, samples, plan.shards());
    SparkGradientSource source = new SparkGradientSource(sc, network, packed, plan,
        config.treeDepth());
    if (!config.barrier()) {
      return new UpdatePath(source, null);
    }
    try {
      return new UpdatePath(source,
          BarrierUpdates.over(source, sc, network, packed, config.treeDepth()));
    } catch (BarrierSlotsException e) {
      if (config.sync().kind() == SyncMode.Kind.BARRIER) {
        source.close();
        throw e;
      }
      return new UpdatePath(source, null);
    }
  }

  /** What the training loop takes its updates from. */
  GradientSource updates() {
    return barrier != null ? barrier : source;
  }

  /** "barrier" (one stage per epoch) or "step" (one job per update). */
  String label() {
    return barrier != null ? "barrier" : "step";
  }

  /** How the label reads in a table. */
  String description() {
    return barrier != null ? "one barrier stage per epoch" : "one Spark job per update";
  }

  @Override
  public void close() {
    try {
      if (barrier != null) {
        barrier.close();
      }
    } finally {
      source.close();
    }
  }
}
