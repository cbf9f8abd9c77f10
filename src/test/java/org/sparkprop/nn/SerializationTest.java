package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Spark ships the Network to executors by Java serialization: a deserialized copy has an equal
 * spec (value equality over the layer sizes array) and computes the identical gradient; its state
 * is that of the network it was copied from, never that of another network of equal spec, and
 * takes the newest values shipped.
 */
class SerializationTest {

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    return (T) read(write(value));
  }

  /** Serializes {@code value} now, as Spark does when it ships a job. */
  private static byte[] write(Object value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private static Object read(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }

  /** 2-4-2 with standardized inputs and batch norm on the hidden layer: 2·2 + 2·4 state values. */
  private static NetworkSpec withState() {
    return ArchitectureProblems.spec("2-4-2", "tanh", "softmax", "cross_entropy",
        a -> a.withStandardize(true).withNormalization(1, Normalization.BATCH));
  }

  private static float[] values(int size, float base) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = base + 0.25f * i;
    }
    return v;
  }

  @Test
  void specHasValueEquality() {
    NetworkSpec a = Problems.spec("4-6-3", "relu", "softmax", "cross_entropy");
    NetworkSpec b = Problems.spec("4-6-3", "relu", "softmax", "cross_entropy");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, Problems.spec("4-7-3", "relu", "softmax", "cross_entropy"));
    assertNotEquals(a, Problems.spec("4-6-3", "tanh", "softmax", "cross_entropy"));
    assertNotEquals(a, Problems.spec("4-6-3", "relu", "softmax", "squared"));
    assertEquals("4-6-3 relu/softmax cross_entropy", a.toString());
  }

  @Test
  void deserializedNetworkComputesTheSameGradient() throws Exception {
    NetworkSpec spec = Problems.spec("4-6-5-3", "tanh", "softmax", "cross_entropy");
    Network net = new Network(spec);
    Network copy = roundTrip(net);
    assertEquals(spec, copy.spec());
    assertEquals(net.parameterCount(), copy.parameterCount());

    float[] theta = Problems.theta(spec, 5, 0.8);
    Problems.Batch b = Problems.batch(spec, 9, 6);
    float[] g1 = new float[net.parameterCount()];
    float[] g2 = new float[net.parameterCount()];
    double q1 = net.gradient(theta, b.x(), b.xOff(), b.t(), b.tOff(), 9, net.newWorkspace(9), g1);
    double q2 = copy.gradient(theta, b.x(), b.xOff(), b.t(), b.tOff(), 9, copy.newWorkspace(9),
        g2);
    assertEquals(q1, q2);
    assertArrayEquals(g1, g2);
  }

  @Test
  void networksOfEqualSpecKeepTheirOwnState() throws Exception {
    Network a = new Network(withState());
    Network b = new Network(withState());
    assertEquals(a.spec(), b.spec());
    assertEquals(12, a.state().size());
    assertNotEquals(a.identity(), b.identity());
    float[] va = values(12, 1f);
    float[] vb = values(12, 3f);
    a.state().load(va);
    b.state().load(vb);

    Network a1 = roundTrip(a);
    Network b1 = roundTrip(b);
    Network a2 = roundTrip(a);
    assertEquals(a.identity(), a1.identity());
    assertEquals(b.identity(), b1.identity());
    assertArrayEquals(va, a1.state().values());
    assertArrayEquals(vb, b1.state().values());
    // Copies of one network share one state in a JVM; the original stays the driver's own.
    assertSame(a1.state(), a2.state());
    assertNotEquals(a1.state(), b1.state());
    assertArrayEquals(va, a2.state().values());
    assertArrayEquals(vb, b1.state().values());

    // The copies predict each with its own state: the outputs differ with the standardization.
    float[] theta = Problems.theta(a.spec(), 3, 0.8);
    float[] x = {0.5f, -1.5f};
    float[] outA = a1.forward(theta, x, 0, 1, a1.newWorkspace(1)).clone();
    float[] outB = b1.forward(theta, x, 0, 1, b1.newWorkspace(1)).clone();
    assertArrayEquals(a.forward(theta, x, 0, 1, a.newWorkspace(1)), outA);
    assertArrayEquals(b.forward(theta, x, 0, 1, b.newWorkspace(1)), outB);
    assertNotEquals(outA[0], outB[0]);
  }

  @Test
  void anOlderShippedCopyDoesNotOverwriteANewerOne() throws Exception {
    Network net = new Network(withState());
    float[] older = values(12, 2f);
    float[] newer = values(12, 5f);
    net.state().load(older);
    byte[] olderJob = write(net);
    net.state().load(newer);
    byte[] newerJob = write(net);

    // The newer job's copy arrives first, then a late task of the older job.
    Network first = (Network) read(newerJob);
    assertArrayEquals(newer, first.state().values());
    Network late = (Network) read(olderJob);
    assertSame(first.state(), late.state());
    assertArrayEquals(newer, late.state().values());

    // In order, the newer values replace the older ones in the instance already in use.
    Network other = new Network(withState());
    other.state().load(older);
    byte[] before = write(other);
    other.state().load(newer);
    byte[] after = write(other);
    Network inUse = (Network) read(before);
    assertArrayEquals(older, inUse.state().values());
    long version = inUse.state().version();
    read(after);
    assertArrayEquals(newer, inUse.state().values());
    assertEquals(version + 1, inUse.state().version());
    // A network of equal spec shipped later still leaves both alone.
    Network stranger = new Network(withState());
    stranger.state().load(values(12, 9f));
    read(write(stranger));
    assertArrayEquals(newer, inUse.state().values());
    assertArrayEquals(newer, first.state().values());
  }
}
