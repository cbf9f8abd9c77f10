package org.sparkprop.train;

import org.sparkprop.nn.Network;

/**
 * A gradient source over samples held in this JVM: the shards of the plan are computed one after
 * the other and added in shard order, exactly what the Spark source does across tasks.
 */
public final class InMemoryGradientSource implements GradientSource {

  private final Shard[] shards;
  private final BatchPlan plan;
  private final ShardWorker worker;
  private final int rows;
  private int[][] visitOrder;

  public InMemoryGradientSource(Network network, Samples samples, BatchPlan plan) {
    this.shards = Shard.split(samples, plan.shards());
    this.plan = plan;
    this.worker = new ShardWorker(network);
    this.rows = samples.rows();
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public boolean classifies() {
    return worker.network().spec().classifies();
  }

  @Override
  public BatchPlan plan() {
    return plan;
  }

  @Override
  public GradientSum gradient(float[] theta, int epoch, int iteration) {
    GradientSum total = new GradientSum();
    for (Shard shard : shards) {
      GradientSum part = new GradientSum();
      worker.accumulate(theta, shard, plan, epoch, iteration,
          visitOrder == null ? null : visitOrder[shard.index()], part);
      total.merge(part);
    }
    return total;
  }

  @Override
  public void easyFirst(float[] theta) {
    if (theta == null) {
      visitOrder = null;
      return;
    }
    visitOrder = new int[shards.length][];
    for (Shard shard : shards) {
      visitOrder[shard.index()] =
          Curriculum.easyFirst(worker.sampleLosses(theta, shard.samples(), shard.soft()));
    }
  }

  @Override
  public GradientSum evaluate(float[] theta) {
    GradientSum total = new GradientSum();
    for (Shard shard : shards) {
      worker.evaluate(theta, shard.samples(), total);
    }
    return total;
  }

  @Override
  public float[] saliency(float[] theta, int batchRows) {
    Saliency saliency = new Saliency(worker.network());
    float[] sum = new float[theta.length];
    for (Shard shard : shards) {
      saliency.accumulate(theta, shard.samples(), batchRows, sum);
    }
    return sum;
  }
}
