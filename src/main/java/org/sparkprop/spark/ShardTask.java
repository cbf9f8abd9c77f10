package org.sparkprop.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Shard;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * What one task of an update computes over its partition: the {@link GradientSum} of the shards
 * it holds. A named class, handed to {@code SparkContext.runJob} directly, not a lambda through
 * the Java API: Spark's closure cleaner reads the bytecode of the class that defines every lambda
 * it is given (for the Java API's wrappers, Spark's own large classes) on every job, which was a
 * quarter of the driver's CPU time per update on a 2-core machine; for a named class it does
 * nothing.
 */
abstract class ShardTask extends AbstractFunction2<TaskContext, Iterator<Shard>, GradientSum>
    implements Serializable {

  private static final long serialVersionUID = 1L;

  @Override
  public final GradientSum apply(TaskContext context, Iterator<Shard> shards) {
    GradientSum sum = new GradientSum();
    while (shards.hasNext()) {
      add(shards.next(), sum);
    }
    return sum;
  }

  /** Adds {@code shard}'s contribution into {@code sum}. */
  abstract void add(Shard shard, GradientSum sum);
}
