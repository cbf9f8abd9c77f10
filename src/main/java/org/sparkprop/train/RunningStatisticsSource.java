package org.sparkprop.train;

import org.sparkprop.nn.Network;

/**
 * The driver's side of batch normalization's running statistics: wraps a gradient source whose
 * shards append their blocks' batch-norm sums behind the gradient ({@link ShardWorker}), blends
 * each mini-batch's pooled mean and variance into the network's running averages
 * ({@link org.sparkprop.nn.NetworkState#updateRunningStatistics}) and hands the training loop the
 * gradient alone (length D). The update happens once per batch, on the driver, in batch order,
 * from sums that the in-memory and Spark sources compute alike: both end with the same running
 * statistics.
 */
public final class RunningStatisticsSource implements GradientSource {

  private final Network network;
  private final GradientSource source;

  private RunningStatisticsSource(Network network, GradientSource source) {
    this.network = network;
    this.source = source;
  }

  /** {@code source} itself for a network without batch norm, else the wrapping source. */
  public static GradientSource wrap(Network network, GradientSource source) {
    return network.batchStatisticsLength() == 0 || source instanceof RunningStatisticsSource
        ? source : new RunningStatisticsSource(network, source);
  }

  @Override
  public GradientSum gradient(float[] theta, int epoch, int iteration) {
    GradientSum sum = source.gradient(theta, epoch, iteration);
    float[] g = sum.gradient();
    int d = network.parameterCount();
    if (g == null || g.length == d) {
      return sum;
    }
    network.state().updateRunningStatistics(g, d, sum.count());
    GradientSum gradient = new GradientSum();
    System.arraycopy(g, 0, gradient.gradient(d), 0, d);
    gradient.addStatistics(sum.loss(), sum.count(), sum.weight(), sum.correct());
    return gradient;
  }

  @Override
  public int rows() {
    return source.rows();
  }

  @Override
  public BatchPlan plan() {
    return source.plan();
  }

  @Override
  public boolean classifies() {
    return source.classifies();
  }

  @Override
  public GradientSum evaluate(float[] theta) {
    return source.evaluate(theta);
  }

  @Override
  public void easyFirst(float[] theta) {
    source.easyFirst(theta);
  }

  @Override
  public float[] networkState() {
    return network.state().values();
  }

  @Override
  public void restoreNetworkState(float[] values) {
    network.state().load(values);
  }

  @Override
  public void close() {
    source.close();
  }
}
