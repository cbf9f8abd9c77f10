package org.sparkprop.data;

import java.util.Arrays;

/**
 * A growable {@code float[]} for readers that do not know the number of rows in advance (CSV).
 * Boxing every value into a {@code List<Float>} would cost ~16 bytes per float and a pass of
 * unboxing; this keeps the values packed and hands back an exact-size array.
 */
final class FloatList {

  private float[] values;
  private int size;

  FloatList(int initialCapacity) {
    values = new float[Math.max(16, initialCapacity)];
  }

  void add(float v) {
    if (size == values.length) {
      grow(size + 1);
    }
    values[size++] = v;
  }

  int size() {
    return size;
  }

  /** The values, exactly {@link #size()} of them; may be the internal array, so call it last. */
  float[] toArray() {
    return values.length == size ? values : Arrays.copyOf(values, size);
  }

  private void grow(int minCapacity) {
    if (minCapacity < 0 || minCapacity > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("data too large for one float array: " + minCapacity);
    }
    long wanted = Math.max(minCapacity, (long) values.length * 2);
    values = Arrays.copyOf(values, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
  }
}
