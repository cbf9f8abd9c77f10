package org.sparkprop.augment;

import java.util.Arrays;

/**
 * Geometric transforms of one image: {@code src} from {@code srcOff} to {@code dst} from
 * {@code dstOff}, both of {@link ImageShape} {@code shape} ({@code src} and {@code dst} must not
 * overlap). Pixels that come from outside the image are 0. Coordinates: column x to the right,
 * row y downwards, the centre of an H×W image at ((W − 1)/2, (H − 1)/2).
 */
public final class Geometry {

  private Geometry() {}

  /** Mirror image left to right: dst(r, c) = src(r, W − 1 − c). */
  public static void flipHorizontal(float[] src, int srcOff, float[] dst, int dstOff,
      ImageShape shape) {
    int w = shape.width();
    int ch = shape.channels();
    int rowLength = w * ch;
    for (int r = 0; r < shape.height(); r++) {
      int from = srcOff + r * rowLength;
      int to = dstOff + r * rowLength;
      if (ch == 1) {
        for (int c = 0, s = from + w - 1; c < w; c++, s--) {
          dst[to + c] = src[s];
        }
        continue;
      }
      for (int c = 0; c < w; c++) {
        int s = from + (w - 1 - c) * ch;
        int d = to + c * ch;
        for (int k = 0; k < ch; k++) {
          dst[d + k] = src[s + k];
        }
      }
    }
  }

  /** Translation by dx columns to the right and dy rows down: dst(r, c) = src(r − dy, c − dx). */
  public static void shift(float[] src, int srcOff, float[] dst, int dstOff, ImageShape shape,
      int dx, int dy) {
    int h = shape.height();
    int w = shape.width();
    int ch = shape.channels();
    int rowLength = w * ch;
    // Columns c with 0 ≤ c − dx < W: [max(0, dx), min(W, W + dx)).
    int c0 = Math.max(0, dx);
    int c1 = Math.min(w, w + dx);
    for (int r = 0; r < h; r++) {
      int to = dstOff + r * rowLength;
      int sr = r - dy;
      if (sr < 0 || sr >= h || c0 >= c1) {
        Arrays.fill(dst, to, to + rowLength, 0f);
        continue;
      }
      Arrays.fill(dst, to, to + c0 * ch, 0f);
      System.arraycopy(src, srcOff + sr * rowLength + (c0 - dx) * ch, dst, to + c0 * ch,
          (c1 - c0) * ch);
      Arrays.fill(dst, to + c1 * ch, to + rowLength, 0f);
    }
  }

  /**
   * Rotation by {@code degrees} counter-clockwise as seen on screen, about the image's centre,
   * with bilinear interpolation: dst(p) = src(R⁻¹(p − centre) + centre).
   */
  public static void rotate(float[] src, int srcOff, float[] dst, int dstOff, ImageShape shape,
      double degrees) {
    double a = Math.toRadians(degrees);
    // Exact at multiples of 90°, where a rotation moves whole pixels.
    double cos = snap(Math.cos(a));
    double sin = snap(Math.sin(a));
    int h = shape.height();
    int w = shape.width();
    int ch = shape.channels();
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    int d = dstOff;
    for (int r = 0; r < h; r++) {
      double y = r - cy;
      // Source point of column 0; each column to the right adds (cos, sin).
      double sx = -cos * cx - sin * y + cx;
      double sy = -sin * cx + cos * y + cy;
      for (int c = 0; c < w; c++, d += ch) {
        double px = sx + c * cos;
        double py = sy + c * sin;
        if (ch == 1 && px >= 0 && py >= 0 && px < w - 1 && py < h - 1) {
          int x0 = (int) px;
          int y0 = (int) py;
          double fx = px - x0;
          double fy = py - y0;
          int q = srcOff + y0 * w + x0;
          double top = src[q] + fx * (src[q + 1] - src[q]);
          double bottom = src[q + w] + fx * (src[q + w + 1] - src[q + w]);
          dst[d] = (float) (top + fy * (bottom - top));
        } else {
          bilinear(src, srcOff, shape, py, px, dst, d);
        }
      }
    }
  }

  private static double snap(double v) {
    double r = Math.rint(v);
    return Math.abs(v - r) < 1e-12 ? r : v;
  }

  /**
   * Random-crop geometry: the image padded with {@code pad} zero pixels on every side, the
   * {@code size × size} window at (row {@code top}, column {@code left}) of the padded image,
   * scaled back to H×W bilinearly when {@code size} differs from them (a plain copy when it
   * equals both).
   */
  public static void crop(float[] src, int srcOff, float[] dst, int dstOff, ImageShape shape,
      int pad, int size, int top, int left) {
    int h = shape.height();
    int w = shape.width();
    if (size == h && size == w) {
      shift(src, srcOff, dst, dstOff, shape, pad - left, pad - top);
      return;
    }
    // Pixel centres of the window mapped onto the output's, as an image resize does.
    double sy = (double) size / h;
    double sx = (double) size / w;
    for (int r = 0; r < h; r++) {
      double y = top - pad + (r + 0.5) * sy - 0.5;
      for (int c = 0; c < w; c++) {
        double x = left - pad + (c + 0.5) * sx - 0.5;
        bilinear(src, srcOff, shape, y, x, dst, dstOff + shape.index(r, c, 0));
      }
    }
  }

  /** All channels of src at (y, x) by bilinear interpolation, 0 outside the image, into dst. */
  private static void bilinear(float[] src, int srcOff, ImageShape shape, double y, double x,
      float[] dst, int d) {
    int ch = shape.channels();
    int h = shape.height();
    int w = shape.width();
    if (!(y > -1 && x > -1 && y < h && x < w)) {
      for (int k = 0; k < ch; k++) {
        dst[d + k] = 0f; // no neighbour inside the image
      }
      return;
    }
    // floor for values > −1
    int y0 = (int) (y + 1) - 1;
    int x0 = (int) (x + 1) - 1;
    double fy = y - y0;
    double fx = x - x0;
    if (y0 >= 0 && x0 >= 0 && y0 + 1 < h && x0 + 1 < w) {
      // All four neighbours inside: no bounds checks.
      int p = srcOff + (y0 * w + x0) * ch;
      int below = w * ch;
      for (int k = 0; k < ch; k++) {
        int q = p + k;
        double top = src[q] + fx * (src[q + ch] - src[q]);
        double bottom = src[q + below] + fx * (src[q + below + ch] - src[q + below]);
        dst[d + k] = (float) (top + fy * (bottom - top));
      }
      return;
    }
    for (int k = 0; k < ch; k++) {
      double v = (1 - fy) * ((1 - fx) * at(src, srcOff, shape, y0, x0, k)
          + fx * at(src, srcOff, shape, y0, x0 + 1, k))
          + fy * ((1 - fx) * at(src, srcOff, shape, y0 + 1, x0, k)
          + fx * at(src, srcOff, shape, y0 + 1, x0 + 1, k));
      dst[d + k] = (float) v;
    }
  }

  private static double at(float[] src, int srcOff, ImageShape shape, int r, int c, int k) {
    if (r < 0 || r >= shape.height() || c < 0 || c >= shape.width()) {
      return 0;
    }
    return src[srcOff + shape.index(r, c, k)];
  }
}
