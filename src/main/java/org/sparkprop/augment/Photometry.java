package org.sparkprop.augment;

/**
 * Colour transforms of one image in place (values from {@code off}, {@link ImageShape}
 * {@code shape}). Values keep their scale: nothing is clipped, so they apply alike to pixels in
 * [0, 1] or [0, 255].
 */
public final class Photometry {

  /** ITU-R BT.601 luma weights of red, green and blue. */
  static final double[] LUMA = {0.299, 0.587, 0.114};

  private Photometry() {}

  /** Brightness: every value times {@code factor}. */
  public static void brightness(float[] x, int off, ImageShape shape, double factor) {
    for (int i = off, end = off + shape.size(); i < end; i++) {
      x[i] = (float) (x[i] * factor);
    }
  }

  /**
   * Contrast: every value moved away from (factor &gt; 1) or towards the image's mean grey m by
   * {@code factor}, v ← m + factor·(v − m); m is the mean of all values for one channel, of the
   * luma for three.
   */
  public static void contrast(float[] x, int off, ImageShape shape, double factor) {
    double m = meanGrey(x, off, shape);
    for (int i = off, end = off + shape.size(); i < end; i++) {
      x[i] = (float) (m + factor * (x[i] - m));
    }
  }

  /**
   * Saturation (three channels): every pixel's colour moved away from or towards its own grey
   * g = luma by {@code factor}, v ← g + factor·(v − g); 0 makes the image grey.
   *
   * @throws IllegalArgumentException when the image does not have three channels
   */
  public static void saturation(float[] x, int off, ImageShape shape, double factor) {
    if (shape.channels() != 3) {
      throw new IllegalArgumentException("saturation needs 3 channels (RGB); the image shape is "
          + shape);
    }
    for (int p = off, end = off + shape.size(); p < end; p += 3) {
      double g = LUMA[0] * x[p] + LUMA[1] * x[p + 1] + LUMA[2] * x[p + 2];
      for (int k = 0; k < 3; k++) {
        x[p + k] = (float) (g + factor * (x[p + k] - g));
      }
    }
  }

  private static double meanGrey(float[] x, int off, ImageShape shape) {
    double sum = 0;
    int ch = shape.channels();
    if (ch == 3) {
      for (int p = off, end = off + shape.size(); p < end; p += 3) {
        sum += LUMA[0] * x[p] + LUMA[1] * x[p + 1] + LUMA[2] * x[p + 2];
      }
      return sum / (shape.height() * shape.width());
    }
    for (int i = off, end = off + shape.size(); i < end; i++) {
      sum += x[i];
    }
    return sum / shape.size();
  }
}
