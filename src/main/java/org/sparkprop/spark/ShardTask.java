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
 *
 * <p>The task times itself (three clock reads): reading its broadcast inputs ({@link #read}; on
 * an executor the first read of a broadcast fetches it from the driver) and computing the sum,
 * returned with the sum ({@link GradientSum#taskTimes}) so the driver can tell an update's
 * arithmetic from Spark's cost around it.
 */
abstract class ShardTask extends AbstractFunction2<TaskContext, Iterator<Shard>, GradientSum>
    implements Serializable {

  private static final long serialVersionUID = 1L;

  @Override
  public final GradientSum apply(TaskContext context, Iterator<Shard> shards) {
    long start = System.nanoTime();
    read();
    long read = System.nanoTime();
    GradientSum sum = new GradientSum();
    while (shards.hasNext()) {
      add(shards.next(), sum);
    }
    sum.taskTimes(read - start, System.nanoTime() - read);
    return sum;
  }

  /** Reads the broadcast values {@link #add} uses, so that their fetch is timed apart. */
  void read() {}

  /** Adds {@code shard}'s contribution into {@code sum}. */
  abstract void add(Shard shard, GradientSum sum);
}
