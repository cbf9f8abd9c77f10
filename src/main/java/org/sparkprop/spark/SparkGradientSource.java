package org.sparkprop.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparkprop.nn.Network;
import org.sparkprop.train.BatchPlan;
import org.sparkprop.train.GradientSource;
import org.sparkprop.train.GradientSum;
import org.sparkprop.train.Samples;
import org.sparkprop.train.Shard;

/**
 * Gradients computed by Spark tasks, one shard per partition. Each call is one Spark job: the
 * driver ships Θ (one flat float[], serialized in bulk) inside the task or, when large, as a
 * broadcast ({@link #inlineTheta}), every task adds its shard's share
 * of the batch into a {@link GradientSum} ({@link GradientTask}), the sums reach the driver
 * directly or through a combining tree of the configured depth ({@link ShardSums}; in partition
 * order by default, or in the order tasks finish), and the broadcast is destroyed once the job
 * is done, off the next update's path ({@link BroadcastDestroyer}). Tasks are pure functions of
 * (Θ, partition, epoch, iteration): a retried task computes the same sum.
 */
public final class SparkGradientSource implements GradientSource {

  /** The largest Θ, in bytes, that travels inside the task by default. */
  static final int INLINE_BYTES = 64 * 1024;

  private final JavaSparkContext sc;
  private final ShardRdd packed;
  private final JavaRDD<Shard> shards;
  private final Network network;
  private final BatchPlan plan;
  private final int treeDepth;
  private final int rows;
  private final BroadcastDestroyer spent = new BroadcastDestroyer();
  /** The weights a curriculum orders the shards by, or null for the plan's permutation. */
  private Broadcast<BulkFloats> easyFirst;
  private boolean deterministic = true;
  /** Where each update's cost goes, or null when not recorded. */
  private UpdateCostLog costs;
  private ProgressNote note;
  /** Whether Θ travels inside the task, or null to decide by {@link #inlineTheta}. */
  private Boolean inline;
  private long broadcastBytes = -1;

  /**
   * @param plan whose shard count is the number of partitions
   * @param treeDepth depth of the aggregation tree (≥ 1; 1 sends every partial sum straight to
   *     the driver)
   */
  public SparkGradientSource(JavaSparkContext sc, Network network, Samples samples,
      BatchPlan plan, int treeDepth) {
    this(sc, network, ShardRdd.fromSamples(sc, samples, plan.shards()), plan,
        requireDepth(treeDepth));
  }

  /** Over shards already packed (and cached) with as many partitions as the plan has shards. */
  public SparkGradientSource(JavaSparkContext sc, Network network, ShardRdd packed,
      BatchPlan plan, int treeDepth) {
    requireDepth(treeDepth);
    if (packed.shards() != plan.shards()) {
      throw new IllegalArgumentException("the data has " + packed.shards()
          + " shards but the plan " + plan.shards());
    }
    this.sc = sc;
    this.network = network;
    this.plan = plan;
    this.treeDepth = treeDepth;
    this.rows = packed.rows();
    this.packed = packed;
    this.shards = packed.rdd();
  }

  private static int requireDepth(int treeDepth) {
    if (treeDepth < 1) {
      throw new IllegalArgumentException("treeDepth is " + treeDepth + "; it must be at least 1");
    }
    return treeDepth;
  }

  /**
   * Whether partial sums are added in partition order (bitwise-reproducible, the default) or in
   * the order tasks finish ({@code treeAggregate}, which may differ in the last bits).
   */
  public SparkGradientSource deterministic(boolean inOrder) {
    this.deterministic = inOrder;
    return this;
  }

  /** Appends {@code note} (null: nothing) to the description of every update's job. */
  public SparkGradientSource progressNote(ProgressNote note) {
    this.note = note;
    return this;
  }

  /** The note appended to the updates' job descriptions, or null. */
  ProgressNote progressNote() {
    return note;
  }

  /**
   * Records every update's cost into {@code log} (null: none, the default). The log is the
   * caller's to print and close.
   */
  public SparkGradientSource recordCosts(UpdateCostLog log) {
    this.costs = log;
    return this;
  }

  /** The log every update's cost goes into, or null. */
  UpdateCostLog costLog() {
    return costs;
  }

  /**
   * Ships Θ inside the task ({@code true}), as a broadcast ({@code false}) or as
   * {@link #inlineTheta} decides ({@code null}, the default); the results are the same bits.
   */
  public SparkGradientSource thetaInline(Boolean inside) {
    this.inline = inside;
    return this;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public BatchPlan plan() {
    return plan;
  }

  @Override
  public boolean classifies() {
    return network.spec().classifies();
  }

  @Override
  public GradientSum gradient(float[] theta, int epoch, int iteration) {
    return costs == null ? update(theta, epoch, iteration) : recorded(theta, epoch, iteration);
  }

  private GradientSum recorded(float[] theta, int epoch, int iteration) {
    int number = costs.next();
    sc.setLocalProperty(UpdateCostListener.UPDATE, Integer.toString(number));
    try {
      long start = System.nanoTime();
      GradientSum sum = update(theta, epoch, iteration);
      long wall = System.nanoTime() - start;
      if (broadcastBytes < 0) {
        broadcastBytes = BulkFloats.serializedSize(theta.length);
      }
      costs.add(new UpdateCost(number, wall, sum.computeNanos(), sum.readNanos(),
          broadcastBytes));
      return sum;
    } finally {
      sc.setLocalProperty(UpdateCostListener.UPDATE, null);
    }
  }

  private GradientSum update(float[] theta, int epoch, int iteration) {
    sc.setJobDescription(ProgressNote.describe("epoch " + (epoch + 1) + ", iteration "
        + (iteration + 1) + " of " + plan.iterations(rows()), note));
    if (inlineTheta(theta.length)) {
      // Serialized with the task binary while runJob blocks, so the caller's Θ needs no copy.
      return ShardSums.run(shards, new GradientTask(network, plan, null, new BulkFloats(theta),
          easyFirst, epoch, iteration), treeDepth, deterministic);
    }
    Broadcast<BulkFloats> weights = sc.broadcast(new BulkFloats(theta));
    try {
      return ShardSums.run(shards,
          new GradientTask(network, plan, weights, null, easyFirst, epoch, iteration), treeDepth,
          deterministic);
    } finally {
      spent.destroy(weights);
    }
  }

  /**
   * Whether Θ of {@code floats} floats travels inside the task rather than as a broadcast of its
   * own. Spark broadcasts every job's task binary anyway, so inside it a small Θ costs no
   * broadcast, no fetch of its own on the executors (two block manager round trips and a
   * transfer per executor) and no destroy. A large Θ stays a broadcast: in local mode a broadcast
   * value is the driver's object itself, where inside the task every task deserializes a copy;
   * on a standalone cluster 784-256-128-10 (940 KB) measured slower inside the task
   * ({@code ThetaInlineAB}: Spark's cost 106 against 87 ms per update, medians of 4 rounds).
   */
  boolean inlineTheta(int floats) {
    if (inline != null) {
      return inline;
    }
    return 4L * floats <= INLINE_BYTES;
  }

  @Override
  public GradientSum evaluate(float[] theta) {
    Broadcast<BulkFloats> weights = sc.broadcast(new BulkFloats(theta));
    try {
      sc.setJobDescription("evaluate training loss");
      // In partition order like the gradients, so final figures are reproducible too.
      return ShardSums.run(shards, new EvaluationTask(network, weights), treeDepth, true);
    } finally {
      spent.destroy(weights);
    }
  }

  /** One Spark job: every task adds its shards' saliency ({@link SaliencyTask}). */
  @Override
  public float[] saliency(float[] theta, int batchRows) {
    Broadcast<BulkFloats> weights = sc.broadcast(new BulkFloats(theta.clone()));
    try {
      sc.setJobDescription("saliency of every weight");
      GradientSum sum = ShardSums.run(shards, new SaliencyTask(network, weights, batchRows),
          treeDepth, true);
      float[] g = sum.gradient();
      float[] out = new float[theta.length];
      if (g != null) {
        System.arraycopy(g, 0, out, 0, theta.length);
      }
      return out;
    } finally {
      spent.destroy(weights);
    }
  }

  @Override
  public void easyFirst(float[] theta) {
    if (easyFirst != null) {
      easyFirst.destroy();
    }
    // Only Θ travels: each task orders its own shard by loss, once per shard and curriculum epoch.
    // A copy: the caller goes on updating its Θ, and in local mode tasks read the broadcast object.
    easyFirst = theta == null ? null : sc.broadcast(new BulkFloats(theta.clone()));
  }

  @Override
  public void close() {
    easyFirst(null);
    spent.close();
    packed.close();
  }
}
