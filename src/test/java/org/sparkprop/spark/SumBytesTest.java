package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sparkprop.train.GradientSum;

/** A GradientSum survives its bytes bit for bit, NaN, infinities and a missing gradient too. */
class SumBytesTest {

  @Test
  void everyFigureComesBackBitForBit() throws IOException {
    GradientSum sum = new GradientSum();
    float[] g = sum.gradient(6);
    g[0] = 1.5e-40f; // subnormal
    g[1] = -0.0f;
    g[2] = Float.NaN;
    g[3] = Float.POSITIVE_INFINITY;
    g[4] = Float.intBitsToFloat(0x7fc00001); // a NaN with payload
    g[5] = 3.25f;
    sum.addStatistics(123.456, 17, 16.5, 9);
    sum.taskTimes(0, 4_321_987L);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    SumBytes.write(out, SumBytes.encode(sum));
    out.writeInt(-1);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()));
    GradientSum back = SumBytes.decode(SumBytes.read(in));
    assertNull(SumBytes.read(in), "the end marker");
    assertEquals(6, back.gradient().length);
    for (int i = 0; i < 6; i++) {
      assertEquals(Float.floatToRawIntBits(g[i]), Float.floatToRawIntBits(back.gradient()[i]),
          "entry " + i);
    }
    assertEquals(123.456, back.loss(), 0.0);
    assertEquals(17, back.count());
    assertEquals(16.5, back.weight(), 0.0);
    assertEquals(9, back.correct());
    assertEquals(4_321_987L, back.computeNanos(), "the sending task's compute time");
  }

  @Test
  void aFrameIsTheLengthAndTheBytesAndDecodesIntoAReusedSum() throws IOException {
    GradientSum into = new GradientSum();
    byte[] frame = null;
    byte[] body = null;
    for (int batch = 0; batch < 3; batch++) {
      GradientSum sum = new GradientSum();
      float[] g = sum.gradient(5);
      for (int i = 0; i < 5; i++) {
        g[i] = batch == 1 && i == 2 ? Float.NaN : (batch + 1) * (i - 2.5f) / 3;
      }
      sum.addStatistics(batch + 0.25, 3 + batch, 2.5 + batch, batch);
      sum.taskTimes(0, 1_000L + batch);
      byte[] previous = frame;
      frame = SumBytes.frame(sum, frame);
      if (previous != null) {
        assertSame(previous, frame, "a frame of the same size is written in place");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      SumBytes.write(new DataOutputStream(bytes), SumBytes.encode(sum));
      assertArrayEquals(bytes.toByteArray(), frame, "what write writes, in one array");
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
      int length = in.readInt();
      body = SumBytes.body(in, length, body);
      GradientSum back = SumBytes.decode(body, length, into);
      assertSame(into, back);
      for (int i = 0; i < 5; i++) {
        assertEquals(Float.floatToRawIntBits(g[i]), Float.floatToRawIntBits(back.gradient()[i]),
            "batch " + batch + ", entry " + i);
      }
      assertEquals(batch + 0.25, back.loss(), 0.0);
      assertEquals(3 + batch, back.count());
      assertEquals(batch, back.correct());
      assertEquals(1_000L + batch, back.computeNanos(), "not the longest of the batches so far");
    }
    GradientSum none = SumBytes.decode(SumBytes.encode(new GradientSum()),
        SumBytes.encode(new GradientSum()).length, into);
    assertNull(none.gradient(), "a reused sum holds no gradient of an earlier batch");
  }

  @Test
  void aSumWithoutSamplesHasNoGradient() {
    GradientSum empty = SumBytes.decode(SumBytes.encode(new GradientSum()));
    assertNull(empty.gradient());
    assertEquals(0, empty.count());
  }
}
