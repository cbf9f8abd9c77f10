package org.sparkprop.nn;

/**
 * IEEE 754 binary16 ("half", float16) conversions: 1 sign bit, 5 exponent bits, 10 mantissa
 * bits, largest finite value 65504, smallest normal 2⁻¹⁴, subnormals down to 2⁻²⁴. Rounding to
 * half is to nearest, ties to even, as hardware converts; widening back is exact.
 */
public final class Half {

  /** Every half value widened to float, indexed by its 16 bits. */
  private static final float[] TABLE = new float[1 << 16];

  static {
    for (int h = 0; h < TABLE.length; h++) {
      TABLE[h] = widen(h);
    }
  }

  private Half() {}

  /** The half nearest to {@code f} (ties to even; beyond ±65504 rounding gives ±∞), as bits. */
  public static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int val = bits & 0x7fffffff;
    if (val >= 0x7f800000) {
      // ∞ stays ∞; NaN stays a (quiet) NaN
      return (short) (sign | 0x7c00 | (val > 0x7f800000 ? 0x200 : 0));
    }
    if (val >= 0x477ff000) {
      // 65520 and beyond round to ∞
      return (short) (sign | 0x7c00);
    }
    if (val < 0x38800000) {
      // below 2⁻¹⁴: a subnormal half m·2⁻²⁴, or zero below 2⁻²⁵ (2⁻²⁵ itself ties to 0)
      if (val <= 0x33000000) {
        return (short) sign;
      }
      int exp = val >>> 23;
      int mant = (val & 0x7fffff) | 0x800000;
      int shift = 126 - exp;
      int m = mant >>> shift;
      int rem = mant & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rem > halfway || (rem == halfway && (m & 1) == 1)) {
        m++;
      }
      return (short) (sign | m);
    }
    // Normal: rebias the exponent (127 → 15) and keep the top 10 mantissa bits, rounded; a
    // carry out of the mantissa correctly moves to the next binade.
    int h = (val - 0x38000000) >>> 13;
    int rem = val & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (h & 1) == 1)) {
      h++;
    }
    return (short) (sign | h);
  }

  /** The float value of the half with these bits (exact). */
  public static float toFloat(short h) {
    return TABLE[h & 0xffff];
  }

  private static float widen(int h) {
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }
}
