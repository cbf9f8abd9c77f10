package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Batch normalization's statistics with per-shard normalization: the sums that blocks report
 * add up, across any split of a batch, to the exact mean and unbiased variance of the whole
 * batch; the running averages blend them with the momentum; inference uses them; and the state
 * reaches executor copies of the network.
 */
class BatchNormStatisticsTest {

  private static final NetworkSpec SPEC = ArchitectureProblems.spec("3-4-5-2", "tanh", "softmax",
      "cross_entropy", a -> a.withNormalization(1, Normalization.BATCH)
          .withNormalization(2, Normalization.BATCH).withMomentum(1f));

  /** The activations a = g(φ) of layer k for every row, in double, from the reference. */
  private static double[][] activations(Network net, float[] theta, Problems.Batch b, int rows,
      int k) {
    // With batch norm off, the reference's s^1 is a^1; layer 2's input needs layer 1 normalized,
    // so compute a^k from the training pass of the main code instead, row by row at layer 1.
    NetworkSpec spec = net.spec();
    double[][] a = new double[rows][spec.size(k)];
    Workspace ws = net.newWorkspace(rows);
    net.trainingLoss(theta, b.x(), b.xOff(), b.t(), b.tOff(), rows, ws, 0L);
    for (int n = 0; n < rows; n++) {
      for (int i = 0; i < spec.size(k); i++) {
        a[n][i] = ws.act[k][n * spec.size(k) + i];
      }
    }
    return a;
  }

  @Test
  void blockSumsGiveTheWholeBatchMeanAndUnbiasedVariance() {
    Network net = new Network(SPEC);
    int rows = 11;
    float[] theta = Problems.theta(SPEC, 5, 0.9);
    Problems.Batch b = Problems.batch(SPEC, rows, 6);
    int d = net.parameterCount();
    float[] sums = new float[d + net.batchStatisticsLength()];
    // Three blocks of 4, 4 and 3 rows, as three shards would report them.
    Workspace ws = net.newWorkspace(4);
    int m0 = SPEC.size(0);
    int c = SPEC.size(SPEC.depth());
    for (int from = 0; from < rows; from += 4) {
      int n = Math.min(4, rows - from);
      net.gradient(theta, b.x(), b.xOff() + from * m0, b.t(), b.tOff() + from * c, n, ws, sums);
      net.addBatchStatistics(ws, sums, d);
    }
    net.state().updateRunningStatistics(sums, d, rows); // momentum 1: the batch's statistics
    // Layer 1's activations do not depend on the split: compare with the whole batch.
    double[][] a = activations(net, theta, b, rows, 1);
    for (int i = 0; i < SPEC.size(1); i++) {
      double mu = 0;
      for (int n = 0; n < rows; n++) {
        mu += a[n][i] / rows;
      }
      double var = 0;
      for (int n = 0; n < rows; n++) {
        var += (a[n][i] - mu) * (a[n][i] - mu) / (rows - 1);
      }
      Close.assertClose(mu, net.state().runningMean(1)[i], 1e-5, 1e-6, "μ_" + i);
      Close.assertClose(var, net.state().runningVariance(1)[i], 1e-4, 1e-6, "σ²_" + i);
    }
  }

  @Test
  void runningAveragesBlendWithTheMomentum() {
    NetworkSpec spec = SPEC.with(SPEC.architecture().withMomentum(0.25f));
    Network net = new Network(spec);
    assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, net.state().runningMean(1));
    assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, net.state().runningVariance(1));
    int len = net.batchStatisticsLength();
    assertEquals(3 * 4 + 3 * 5, len);
    float[] sums = new float[len];
    // A batch of 10 rows with μ = 2 and Σ(s − μ)² = 18 for every unit of layer 1, as one block.
    for (int i = 0; i < 4; i++) {
      sums[i] = 10 * 2f;
      sums[4 + i] = 18f;
      sums[8 + i] = 10 * 4f;
    }
    net.state().updateRunningStatistics(sums, 0, 10);
    for (int i = 0; i < 4; i++) {
      assertEquals(0.75 * 0 + 0.25 * 2, net.state().runningMean(1)[i], 1e-6);
      assertEquals(0.75 * 1 + 0.25 * (18.0 / 9), net.state().runningVariance(1)[i], 1e-6);
    }
  }

  @Test
  void inferenceNormalizesWithTheRunningStatistics() {
    NetworkSpec spec = ArchitectureProblems.spec("2-3-2", "linear", "linear", "squared",
        a -> a.withNormalization(1, Normalization.BATCH).withEpsilon(0.01f));
    Network net = new Network(spec);
    ThetaLayout layout = net.layout();
    float[] theta = new float[net.parameterCount()];
    for (int i = 0; i < 3; i++) {
      theta[layout.index(1, i, 1)] = 1f; // a_i = x_1
      theta[layout.gammaOffset(1) + i] = 2f;
      theta[layout.betaOffset(1) + i] = 0.5f;
    }
    theta[layout.index(2, 0, 1)] = 1f; // outputs: ŝ_0 and ŝ_2
    theta[layout.index(2, 1, 3)] = 1f;
    net.state().load(new float[] {1f, 2f, 3f, 0.99f, 3.99f, 8.99f});
    float[] out = net.forward(theta, new float[] {5f, 0f}, 0, 1, net.newWorkspace(1));
    // ŝ_i = γ (a − μ_i)/√(σ_i² + ε) + β with a = 5
    assertEquals(2f * (5 - 1) / 1f + 0.5f, out[0], 1e-5f);
    assertEquals(2f * (5 - 3) / 3f + 0.5f, out[1], 1e-5f);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  private static byte[] serialize(Object value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static <T> T deserialize(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (T) in.readObject();
    }
  }

  /**
   * An executor thread keeps the network of its first task for the whole fit; later tasks ship
   * newer states of that same network. Deserialized states of one network (its identity, not its
   * spec) resolve to one instance that takes the most recently shipped values, so the kept network
   * predicts with the driver's latest state; a late copy of an older job is ignored; another
   * network of the same spec (another fit) keeps its own state.
   */
  @Test
  void executorCopiesSeeTheLatestShippedState() throws Exception {
    NetworkSpec spec = SPEC.with(SPEC.architecture().withMomentum(0.5f)); // not shared by tests
    Network driver = new Network(spec);
    Network first = roundTrip(driver); // job 1: the executor keeps this network
    assertNotSame(driver.state(), first.state());
    byte[] olderJob = serialize(driver);
    float[] updated = driver.state().values();
    java.util.Arrays.fill(updated, 0.5f);
    driver.state().load(updated); // the driver's running statistics move on
    Network second = roundTrip(driver); // job 2 ships them
    assertSame(first.state(), second.state());
    assertArrayEquals(updated, first.state().values());
    Network late = deserialize(olderJob); // a straggler of job 1
    assertSame(first.state(), late.state());
    assertArrayEquals(updated, first.state().values());
    // The next model of the same spec is another fit: its state is its own.
    Network next = new Network(spec);
    float[] other = next.state().values();
    java.util.Arrays.fill(other, 0.25f);
    next.state().load(other);
    Network nextCopy = roundTrip(next);
    assertNotSame(first.state(), nextCopy.state());
    assertArrayEquals(other, nextCopy.state().values());
    assertArrayEquals(updated, first.state().values());
    // Copies of other specs are unaffected.
    Network unrelated = roundTrip(new Network(SPEC.with(SPEC.architecture().withMomentum(0.7f))));
    assertNotSame(unrelated.state(), first.state());
  }
}
