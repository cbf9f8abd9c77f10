package org.sparkprop.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.sparkprop.nn.Network;
import org.sparkprop.optim.OptimizerState;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Shard;
import org.sparkprop.train.UpdateChunk;
import org.sparkprop.train.UpdateChunks;
import org.sparkprop.train.UpdateStep;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * sync=barrier: the training loop's runs of batches (an epoch, or up to a mid-epoch checkpoint)
 * each become one barrier stage over the cached shards ({@link BarrierUpdateTask}) instead of
 * one Spark job per update; single sums (evaluation, and any batch asked for alone) still come
 * from the {@link SparkGradientSource} it wraps. The updates are the ones that source's jobs and
 * the driver would make, bit for bit: the same shard sums, added in the same order and tree shape
 * ({@link GatheredSums}) by the driver's {@link SumHub}, and the same {@link UpdateStep}.
 */
public final class BarrierUpdates implements GradientSource, UpdateChunks {

  private static final ClassTag<UpdateChunk> CHUNK = ClassTag$.MODULE$.apply(UpdateChunk.class);

  private final SparkGradientSource source;
  private final JavaSparkContext sc;
  private final Network network;
  private final JavaRDD<Shard> shards;
  private final BatchPlan plan;
  private final SumHub hub;
  private final String hubHost;

  private BarrierUpdates(SparkGradientSource source, JavaSparkContext sc, Network network,
      ShardRdd packed, SumHub hub, String hubHost) {
    this.source = source;
    this.sc = sc;
    this.network = network;
    this.shards = packed.rdd();
    this.plan = source.plan();
    this.hub = hub;
    this.hubHost = hubHost;
  }

  /**
   * Barrier stages over {@code packed} (the shards {@code source} reads), after checking that the
   * cluster has a task slot for every partition ({@link BarrierSlotsException} otherwise).
   */
  public static BarrierUpdates over(SparkGradientSource source, JavaSparkContext sc,
      Network network, ShardRdd packed, int treeDepth) {
    int partitions = packed.rdd().getNumPartitions();
    int slots = slots(sc);
    if (partitions > slots) {
      throw new BarrierSlotsException(partitions, slots);
    }
    // The executors reach the driver at spark.driver.host; it listens on its bind address.
    String host = sc.getConf().get("spark.driver.host");
    String bind = sc.getConf().get("spark.driver.bindAddress", host);
    try {
      SumHub hub = new SumHub(InetAddress.getByName(bind), partitions, treeDepth);
      return new BarrierUpdates(source, sc, network, packed, hub, host);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + bind + " for the barrier stages", e);
    }
  }

  /** The task slots of the cluster now: how many tasks of one stage can run at once. */
  public static int slots(JavaSparkContext sc) {
    return sc.sc().maxNumConcurrentTasks(
        sc.sc().resourceProfileManager().defaultResourceProfile());
  }

  @Override
  public UpdateChunk updates(float[] theta, OptimizerState state, int epoch, int from, int to,
      long maxUpdates, UpdateStep step) {
    BarrierUpdateTask task = new BarrierUpdateTask(network, plan, hubHost, hub.port(),
        hub.token(), theta, state, epoch, from, to, maxUpdates, step);
    sc.setJobDescription(ProgressNote.describe(String.format(Locale.ROOT,
        "epoch %d, iterations %d-%d of %d (barrier)", epoch + 1, from + 1, to,
        plan.iterations(source.rows())), source.progressNote()));
    RDD<UpdateChunk> stage = shards.rdd().barrier().mapPartitions(task, false, CHUNK);
    List<UpdateChunk> out = JavaRDD.fromRDD(stage, CHUNK).collect();
    if (out.size() != 1) {
      throw new IllegalStateException("a barrier stage returned " + out.size()
          + " outcomes; partition 0 returns the only one");
    }
    return out.get(0);
  }

  @Override
  public int rows() {
    return source.rows();
  }

  @Override
  public BatchPlan plan() {
    return plan;
  }

  @Override
  public boolean classifies() {
    return source.classifies();
  }

  @Override
  public GradientSum gradient(float[] theta, int epoch, int iteration) {
    return source.gradient(theta, epoch, iteration);
  }

  @Override
  public GradientSum evaluate(float[] theta) {
    return source.evaluate(theta);
  }

  @Override
  public void easyFirst(float[] theta) {
    source.easyFirst(theta);
  }

  /** Stops the driver's hub (the wrapped source is closed by its owner). */
  @Override
  public void close() {
    hub.close();
  }
}
