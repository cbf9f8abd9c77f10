package org.sparkprop.nn;

import java.util.Locale;

/** How the connection weights of a quantized network are stored. */
public enum QuantizedType {
  /** 8-bit integers with one float32 scale per weight row: θ_ij ≈ scale_i · q_ij. */
  INT8("int8", 1),
  /** IEEE binary16 values ({@link Half}). */
  FLOAT16("float16", 2);

  private final String label;
  private final int bytes;

  QuantizedType(String label, int bytes) {
    this.label = label;
    this.bytes = bytes;
  }

  /** The name the settings, the command line and model.json use. */
  public String label() {
    return label;
  }

  /** Bytes per stored weight. */
  public int bytesPerWeight() {
    return bytes;
  }

  /**
   * The type named {@code value} (case-insensitive); {@code place} says where the value came
   * from (e.g. "--type", a file), for the message.
   */
  public static QuantizedType parse(String value, String place) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (QuantizedType t : values()) {
      if (t.label.equals(v)) {
        return t;
      }
    }
    throw new IllegalArgumentException(place + ": quantization type is '" + value
        + "'; the types are int8, float16");
  }
}
