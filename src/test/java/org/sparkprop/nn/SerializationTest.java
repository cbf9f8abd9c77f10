package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Spark ships the Network to executors by Java serialization: a deserialized copy has an equal
 * spec (value equality over the layer sizes array) and computes the identical gradient.
 */
class SerializationTest {

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
}
