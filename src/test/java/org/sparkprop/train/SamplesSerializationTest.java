package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Samples and shards survive Java serialization (how they reach executors) bit for bit. */
class SamplesSerializationTest {

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value, int[] bytes) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(value);
    }
    bytes[0] = b.size();
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void weightedAndUnweightedSamplesComeBackIntact() throws Exception {
    Samples plain = TestSets.random(1000, 7, 3, 11);
    int[] bytes = new int[1];
    Samples back = roundTrip(plain, bytes);
    assertArrayEquals(plain.x(), back.x());
    assertArrayEquals(plain.t(), back.t());
    assertNull(back.w());
    assertEquals(plain.rows(), back.rows());
    assertEquals(plain.inputs(), back.inputs());
    assertEquals(plain.outputs(), back.outputs());
    // Raw float32 plus a small header: 4 bytes a value.
    assertTrue(bytes[0] < 4 * (1000 * 10) + 1024, bytes[0] + " bytes");

    float[] w = new float[plain.rows()];
    for (int n = 0; n < w.length; n++) {
      w[n] = n % 3;
    }
    Samples weighted = new Samples(plain.x(), plain.t(), plain.rows(), 7, 3, w);
    assertArrayEquals(w, roundTrip(weighted, bytes).w());

    Shard shard = new Shard(1, 4, 3999, weighted);
    Shard shardBack = roundTrip(shard, bytes);
    assertEquals(1, shardBack.index());
    assertEquals(4, shardBack.count());
    assertEquals(3999, shardBack.totalRows());
    assertArrayEquals(weighted.x(), shardBack.samples().x());
    assertArrayEquals(w, shardBack.samples().w());
  }
}
