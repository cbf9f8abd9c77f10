package org.sparkprop.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.sparkprop.nn.Network;
import org.sparkprop.optim.OptimizerState;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Shard;
import org.sparkprop.train.ShardWorker;
import org.sparkprop.train.UpdateChunk;
import org.sparkprop.train.UpdateRecord;
import org.sparkprop.train.UpdateStep;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One task of a barrier stage that runs batches {@code from} … {@code to − 1} of an epoch. Every
 * task starts from the same Θ and optimizer state and, for each batch, adds its shards' share as
 * {@link GradientTask} does, exchanges the sum with every other task
 * ({@link BarrierTaskContext#allGather}), adds all sums in partition order and the tree shape of
 * the configured depth ({@link GatheredSums}) and applies the same {@link UpdateStep}: every task
 * makes the same updates, bit for bit. Partition 0 returns the outcome. A pure function of its
 * inputs, so a retried stage computes the same.
 */
final class BarrierUpdateTask extends AbstractFunction1<Iterator<Shard>, Iterator<UpdateChunk>>
    implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Network network;
  private final BatchPlan plan;
  private final int treeDepth;
  private final SumEncoding encoding;
  private final BulkFloats theta;
  private final List<float[]> optimizerArrays;
  private final long optimizerStep;
  private final int epoch;
  private final int from;
  private final int to;
  private final long maxUpdates;
  private final UpdateStep step;

  BarrierUpdateTask(Network network, BatchPlan plan, int treeDepth, SumEncoding encoding,
      float[] theta, OptimizerState state, int epoch, int from, int to, long maxUpdates,
      UpdateStep step) {
    this.network = network;
    this.plan = plan;
    this.treeDepth = treeDepth;
    this.encoding = encoding;
    this.theta = new BulkFloats(theta.clone());
    List<float[]> arrays = new ArrayList<>();
    for (float[] a : state.arrays()) {
      arrays.add(a.clone());
    }
    this.optimizerArrays = arrays;
    this.optimizerStep = state.step();
    this.epoch = epoch;
    this.from = from;
    this.to = to;
    this.maxUpdates = maxUpdates;
    this.step = step;
  }

  @Override
  public Iterator<UpdateChunk> apply(Iterator<Shard> partition) {
    BarrierTaskContext context = BarrierTaskContext.get();
    List<Shard> shards = new ArrayList<>();
    partition.foreach(shards::add);
    ShardWorker worker = ExecutorWorkers.forNetwork(network);
    float[] w = theta.values().clone();
    OptimizerState state = step.optimizer().init(w.length);
    UpdateStep.load(state, optimizerArrays, optimizerStep);
    float[] mean = new float[w.length];
    List<UpdateRecord> records = new ArrayList<>();
    long made = 0;
    for (int it = from; it < to; it++) {
      GradientSum own = new GradientSum();
      for (Shard shard : shards) {
        worker.accumulate(w, shard, plan, epoch, it, own);
      }
      String[] messages = context.allGather(encoding.encode(own));
      GradientSum[] parts = new GradientSum[messages.length];
      for (int p = 0; p < parts.length; p++) {
        parts[p] = encoding.decode(messages[p]);
      }
      UpdateRecord r = step.apply(w, state, mean, GatheredSums.sum(parts, treeDepth), epoch, it);
      records.add(r);
      if (r.kind() == UpdateRecord.Kind.DIVERGED
          || r.kind() == UpdateRecord.Kind.UPDATED && ++made >= maxUpdates) {
        break;
      }
    }
    requireSameState(context, w, state);
    if (context.partitionId() != 0) {
      return CollectionConverters.asScala(List.<UpdateChunk>of().iterator());
    }
    return CollectionConverters.asScala(
        List.of(new UpdateChunk(w, state.arrays(), state.step(), records)).iterator());
  }

  /**
   * Checks that every task ended with the same Θ and optimizer state (the same arithmetic on the
   * same bits gives the same bits; a JVM that broke this would train each shard apart).
   */
  private static void requireSameState(BarrierTaskContext context, float[] theta,
      OptimizerState state) {
    int hash = Arrays.hashCode(theta);
    for (float[] a : state.arrays()) {
      hash = 31 * hash + Arrays.hashCode(a);
    }
    String[] all = context.allGather(Integer.toHexString(hash) + ":" + state.step());
    for (int p = 1; p < all.length; p++) {
      if (!all[p].equals(all[0])) {
        throw new IllegalStateException("barrier tasks 0 and " + p + " ended with different"
            + " weights or optimizer state (" + all[0] + " vs " + all[p] + ")");
      }
    }
  }
}
