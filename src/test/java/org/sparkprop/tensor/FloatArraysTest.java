package org.sparkprop.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FloatArraysTest {

  private static float[] roundTrip(float[] a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      FloatArrays.write(out, a);
      out.writeInt(12345); // what follows the array is read back intact
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      float[] back = FloatArrays.read(in);
      assertEquals(12345, in.readInt());
      return back;
    }
  }

  /** Lengths around the 16 Ki chunk, and every bit pattern kept (NaN payloads, −0, ∞). */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_003})
  void bitsSurviveARoundTrip(int length) throws IOException {
    Random random = new Random(length);
    float[] a = new float[length];
    for (int i = 0; i < length; i++) {
      a[i] = Float.intBitsToFloat(random.nextInt());
    }
    if (length > 3) {
      a[0] = -0f;
      a[1] = Float.POSITIVE_INFINITY;
      a[2] = Float.intBitsToFloat(0x7fc01234);
    }
    float[] back = roundTrip(a);
    assertEquals(length, back.length);
    for (int i = 0; i < length; i++) {
      assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(back[i]), "[" + i + "]");
    }
  }

  @org.junit.jupiter.api.Test
  void nullStaysNull() throws IOException {
    assertNull(roundTrip(null));
    assertArrayEquals(new float[0], roundTrip(new float[0]));
  }

  @org.junit.jupiter.api.Test
  void aCorruptLengthIsRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeInt(-7);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      IOException e = assertThrows(IOException.class, () -> FloatArrays.read(in));
      assertEquals("corrupt float array: length -7", e.getMessage());
    }
  }
}
