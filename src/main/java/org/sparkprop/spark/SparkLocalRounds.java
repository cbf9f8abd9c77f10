package org.sparkprop.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkprop.nn.Network;
import org.sparkprop.optim.OptimizerState;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.LocalRound;
import org.sparkprop.train.LocalRounds;
import org.sparkprop.train.LocalSteps;
import org.sparkprop.train.Shard;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * The rounds of local SGD as Spark jobs, one per round: the driver broadcasts Θ and the
 * optimizer state ({@link RoundStart}), every task takes the round's steps on its shard
 * ({@link LocalStepsTask}) and returns its Θ, state and sums straight to the driver, which gets
 * them in shard order whatever order the tasks finish in; the broadcast is destroyed off the
 * next round's path ({@link BroadcastDestroyer}).
 */
public final class SparkLocalRounds implements LocalRounds, AutoCloseable {

  private static final ClassTag<LocalRound[]> ROUNDS =
      ClassTag$.MODULE$.apply(LocalRound[].class);

  private final JavaSparkContext sc;
  private final Network network;
  private final BatchPlan plan;
  private final JavaRDD<Shard> shards;
  private final BroadcastDestroyer spent = new BroadcastDestroyer();

  /** Over shards already packed (and cached), as many partitions as {@code plan} has shards. */
  public SparkLocalRounds(JavaSparkContext sc, Network network, ShardRdd packed, BatchPlan plan) {
    if (packed.shards() != plan.shards()) {
      throw new IllegalArgumentException("the data has " + packed.shards()
          + " shards but the plan " + plan.shards());
    }
    this.sc = sc;
    this.network = network;
    this.plan = plan;
    this.shards = packed.rdd();
  }

  @Override
  public List<LocalRound> run(LocalSteps rule, float[] theta, OptimizerState state, int epoch,
      int first, int steps) {
    List<BulkFloats> arrays = new ArrayList<>();
    for (float[] a : state.arrays()) {
      arrays.add(new BulkFloats(a.clone()));
    }
    Broadcast<RoundStart> start = sc.broadcast(
        new RoundStart(new BulkFloats(theta.clone()), List.copyOf(arrays), state.step()));
    try {
      sc.setJobDescription("epoch " + (epoch + 1) + ", local iterations " + (first + 1) + "-"
          + (first + steps));
      List<LocalRound> out = new ArrayList<>();
      LocalStepsTask task = new LocalStepsTask(network, plan, rule, start, epoch, first, steps);
      // The handler runs on the scheduler's thread, one task at a time.
      shards.context().runJob(shards.rdd(), task, (p, parts) -> {
        out.addAll(List.of(parts));
        return BoxedUnit.UNIT;
      }, ROUNDS);
      out.sort(Comparator.comparingInt(LocalRound::shard));
      return out;
    } finally {
      spent.destroy(start);
    }
  }

  @Override
  public void close() {
    spent.close();
  }
}
