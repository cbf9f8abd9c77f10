package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkprop.nn.InputMoments;
import org.sparkprop.train.GradientSum;
import scala.reflect.ClassTag$;

/**
 * What crosses the wire each update (Θ out, gradient sums back) arrives bit for bit with either
 * serializer a user may configure: Java serialization takes the bulk path, Kryo walks the fields.
 */
class TransportSerializationTest {

  private static SerializerInstance serializer(String name) {
    SparkConf conf = new SparkConf(false);
    Serializer s = name.equals("kryo") ? new KryoSerializer(conf) : new JavaSerializer(conf);
    return s.newInstance();
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(SerializerInstance s, T value) {
    ByteBuffer bytes = s.serialize(value, ClassTag$.MODULE$.apply(Object.class));
    return (T) s.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "kryo"})
  void gradientSumsArriveIntact(String name) {
    SerializerInstance s = serializer(name);
    GradientSum sum = new GradientSum();
    float[] g = sum.gradient(40_001);
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) Math.sin(i) * 1e-3f;
    }
    sum.addStatistics(12.5, 7, 6.5, 3);
    sum.taskTimes(1_234, 5_678_901);
    GradientSum back = roundTrip(s, sum);
    assertEquals(1_234, back.readNanos());
    assertEquals(5_678_901, back.computeNanos());
    assertArrayEquals(g, back.gradient());
    assertEquals(12.5, back.loss());
    assertEquals(7, back.count());
    assertEquals(6.5, back.weight());
    assertEquals(3, back.correct());

    GradientSum empty = roundTrip(s, new GradientSum());
    assertNull(empty.gradient());
    assertEquals(0, empty.count());
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "kryo"})
  void thetaArrivesIntact(String name) {
    float[] theta = new float[70_000];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = (float) Math.cos(i);
    }
    assertArrayEquals(theta, roundTrip(serializer(name), new BulkFloats(theta)).values());
  }

  /** The input standardization's per-shard moments come back to the driver the same way. */
  @ParameterizedTest
  @ValueSource(strings = {"java", "kryo"})
  void inputMomentsArriveIntact(String name) {
    float[] x = new float[3 * 50];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1e4f + (float) Math.sin(i);
    }
    InputMoments moments = InputMoments.of(x, 0, 50, 3);
    InputMoments back = roundTrip(serializer(name), moments);
    assertEquals(moments, back);
    assertEquals(50, back.count());
    assertArrayEquals(moments.m2(), back.m2());
  }
}
