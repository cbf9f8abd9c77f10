package org.sparkprop.spark;

import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Shard;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * One Spark job that runs a {@link ShardTask} on every partition of the cached shards and adds
 * the partial sums on the driver.
 *
 * <p>When a combining tree of the configured depth would add no level (few partitions, as in
 * local mode or a small cluster), the job is a single stage whose task results go straight to
 * the driver ({@code SparkContext.runJob}); this is what {@code treeAggregate} does too in that
 * case, minus its wrapping closures. Otherwise the partial sums are combined by a tree
 * ({@link OrderedTreeSum}, or {@code treeAggregate} when order does not matter).
 *
 * <p>In order (the default) partial sums are added in partition order, so the result is bitwise
 * the same on every run; otherwise in the order tasks finish.
 */
final class ShardSums {

  private static final ClassTag<GradientSum> SUM = ClassTag$.MODULE$.apply(GradientSum.class);

  private ShardSums() {}

  static GradientSum run(JavaRDD<Shard> shards, ShardTask task, int depth, boolean inOrder) {
    int partitions = shards.getNumPartitions();
    if (OrderedTreeSum.levels(partitions, depth) == 0) {
      return inOrder ? inPartitionOrder(shards, task, partitions) : asTheyFinish(shards, task);
    }
    if (inOrder) {
      JavaPairRDD<Integer, GradientSum> partials = shards.mapPartitionsWithIndex((p, it) -> {
        GradientSum sum = task.apply(TaskContext.get(), CollectionConverters.asScala(it));
        return List.of(new Tuple2<>(p, sum)).iterator();
      }, true).mapToPair(t -> t);
      return OrderedTreeSum.sum(partials, partitions, depth);
    }
    return shards.treeAggregate(new GradientSum(), (sum, shard) -> {
      task.add(shard, sum);
      return sum;
    }, GradientSum::merge, depth);
  }

  private static GradientSum inPartitionOrder(JavaRDD<Shard> shards, ShardTask task,
      int partitions) {
    GradientSum[] parts = new GradientSum[partitions];
    // The handler runs on the scheduler's thread; runJob returns after the last call.
    shards.context().runJob(shards.rdd(), task, (p, sum) -> {
      parts[(Integer) p] = sum;
      return BoxedUnit.UNIT;
    }, SUM);
    GradientSum total = new GradientSum();
    for (GradientSum part : parts) {
      total.merge(part);
    }
    return total;
  }

  private static GradientSum asTheyFinish(JavaRDD<Shard> shards, ShardTask task) {
    GradientSum total = new GradientSum();
    // Spark calls the handler for one task at a time.
    shards.context().runJob(shards.rdd(), task, (p, sum) -> {
      total.merge(sum);
      return BoxedUnit.UNIT;
    }, SUM);
    return total;
  }
}
