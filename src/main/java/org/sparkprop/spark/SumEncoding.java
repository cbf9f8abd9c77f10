package org.sparkprop.spark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.sparkprop.train.GradientSum;

/**
 * A {@link GradientSum} as the text message that {@code BarrierTaskContext.allGather} carries:
 * its figures and gradient as raw little-endian bytes, then each byte as one character
 * (ISO-8859-1, which Java stores one byte per character) or as Base64. Decoding gives back the
 * same bits.
 */
enum SumEncoding {

  /** One character per byte (ISO-8859-1). */
  LATIN1 {
    @Override
    String text(byte[] bytes) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    byte[] bytes(String text) {
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }
  },

  /** Base64 (four ASCII characters per three bytes). */
  BASE64 {
    @Override
    String text(byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    byte[] bytes(String text) {
      return Base64.getDecoder().decode(text);
    }
  };

  /** flag, loss, count, weight, correct, gradient length. */
  private static final int HEADER = 1 + 8 + 8 + 8 + 8 + 4;

  abstract String text(byte[] bytes);

  abstract byte[] bytes(String text);

  /** {@code sum} as a message. */
  String encode(GradientSum sum) {
    float[] g = sum.gradient();
    int n = g == null ? 0 : g.length;
    ByteBuffer b = ByteBuffer.allocate(HEADER + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) (g == null ? 0 : 1)).putDouble(sum.loss()).putLong(sum.count())
        .putDouble(sum.weight()).putLong(sum.correct()).putInt(n);
    if (g != null) {
      b.asFloatBuffer().put(g);
    }
    return text(b.array());
  }

  /** The sum a message of {@link #encode} holds. */
  GradientSum decode(String message) {
    ByteBuffer b = ByteBuffer.wrap(bytes(message)).order(ByteOrder.LITTLE_ENDIAN);
    boolean hasGradient = b.get() != 0;
    double loss = b.getDouble();
    long count = b.getLong();
    double weight = b.getDouble();
    long correct = b.getLong();
    int n = b.getInt();
    GradientSum sum = new GradientSum();
    if (hasGradient) {
      b.asFloatBuffer().get(sum.gradient(n));
    }
    sum.addStatistics(loss, count, weight, correct);
    return sum;
  }
}
