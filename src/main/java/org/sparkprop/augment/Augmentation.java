package org.sparkprop.augment;

import java.io.Serializable;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic training samples made from real ones, one input row at a time, just before the
 * forward pass (the notes' "aumento de datos artificiales"): for images a horizontal flip,
 * rotation, translation, random crop with padding, brightness, contrast and saturation changes;
 * for any row, added Gaussian noise.
 *
 * <p>Every draw comes from (seed, epoch, global sample index) alone, so a sample is changed the
 * same way whichever shard, task or partitioning serves it, and a resumed run repeats an
 * uninterrupted one. Draws are taken in a fixed order: flip, crop, shift, rotation, brightness,
 * contrast, saturation, noise; transforms apply in that order.
 *
 * @param shape the image shape of a row; required by every transform but the noise
 * @param flip horizontal flip with probability 1/2
 * @param rotate maximum rotation in degrees, drawn uniformly from [−rotate, rotate]
 * @param shift maximum translation in pixels, each axis drawn uniformly from [−shift, shift]
 * @param cropPad zero padding of the random crop (with {@code cropSize} 0: no crop)
 * @param cropSize side of the square crop window in the padded image (0: no crop)
 * @param brightness maximum relative change b: values times a factor from [1 − b, 1 + b]
 * @param contrast maximum relative change of the contrast, a factor from [1 − c, 1 + c]
 * @param saturation maximum relative change of the saturation (three channels)
 * @param noise standard deviation σ of Gaussian noise N(0, σ²) added to every value
 */
public record Augmentation(ImageShape shape, boolean flip, double rotate, int shift, int cropPad,
    int cropSize, double brightness, double contrast, double saturation, double noise)
    implements Serializable {

  private static final String NO_SHAPE = "image augmentation (augment.flip, rotate, shift, crop,"
      + " brightness, contrast, saturation) needs the image shape: set data.imageShape"
      + " (HEIGHTxWIDTHxCHANNELS, e.g. 28x28x1); only IDX files declare it themselves";

  /** No transform at all. */
  public static final Augmentation NONE =
      new Augmentation(null, false, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Gaussian noise N(0, σ²) alone, on rows of any length. */
  public static Augmentation noise(double sigma) {
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException(
          "inputNoise is " + sigma + "; it must be a finite number >= 0");
    }
    return sigma == 0 ? NONE : new Augmentation(null, false, 0, 0, 0, 0, 0, 0, 0, sigma);
  }

  public Augmentation {
    check("augment.rotate", rotate, 0, 180);
    check("augment.brightness", brightness, 0, 1);
    check("augment.contrast", contrast, 0, 1);
    check("augment.saturation", saturation, 0, 1);
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException(
          "augment.noise is " + noise + "; it must be a finite number >= 0");
    }
    if (shift < 0 || cropPad < 0 || cropSize < 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "augment.shift is %d, augment.crop's padding %d and size %d; each must be >= 0",
          shift, cropPad, cropSize));
    }
    if (shape != null) {
      int side = Math.min(shape.height(), shape.width());
      if (shift >= side) {
        throw new IllegalArgumentException("augment.shift is " + shift + "; for images of "
            + shape + " it must be in [0, " + (side - 1) + "]");
      }
      if (cropSize > side + 2 * cropPad) {
        throw new IllegalArgumentException("augment.crop is " + cropPad + ":" + cropSize
            + "; for images of " + shape + " the size must be in [1, " + (side + 2 * cropPad)
            + "] (the smaller side plus twice the padding)");
      }
      if (saturation > 0 && shape.channels() != 3) {
        throw new IllegalArgumentException("augment.saturation is " + saturation
            + "; it needs 3 channels, and data.imageShape is " + shape);
      }
    }
  }

  /** Whether a transform needs the image shape (all but the noise do). */
  public boolean needsShape() {
    return geometric() || brightness > 0 || contrast > 0 || saturation > 0;
  }

  /**
   * This augmentation for images of {@code imageShape} when it has no shape of its own (the
   * shape the data declares, e.g. an IDX file's), checked against it.
   *
   * @throws IllegalArgumentException when a transform needs a shape and neither gives one
   */
  public Augmentation withShape(ImageShape imageShape) {
    if (shape != null || !needsShape()) {
      return this;
    }
    if (imageShape == null) {
      throw new IllegalArgumentException(NO_SHAPE);
    }
    return new Augmentation(imageShape, flip, rotate, shift, cropPad, cropSize, brightness,
        contrast, saturation, noise);
  }

  private static void check(String name, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s is %s; it must be in [%s, %s]", name, v, lo, hi));
    }
  }

  /** Whether rows come out exactly as they went in. */
  public boolean isIdentity() {
    return !geometric() && brightness == 0 && contrast == 0 && saturation == 0 && noise == 0;
  }

  private boolean geometric() {
    return flip || rotate > 0 || shift > 0 || cropSize > 0;
  }

  /**
   * Transforms {@code length} values of one sample's row in {@code x} from {@code off} in place,
   * with draws from (seed, epoch, sample); {@code scratch} holds at least {@code length} values.
   *
   * @throws IllegalArgumentException when the row length differs from the image shape's size
   */
  public void apply(float[] x, int off, int length, long seed, int epoch, long sample,
      float[] scratch) {
    if (isIdentity()) {
      return;
    }
    if (needsShape() && shape == null) {
      throw new IllegalArgumentException(NO_SHAPE);
    }
    if (needsShape() && length != shape.size()) {
      throw new IllegalArgumentException("data.imageShape is " + shape + " (" + shape.size()
          + " values), but the input rows hold " + length + " values");
    }
    SplittableRandom random = random(seed, epoch, sample);
    // Geometric transforms from x into scratch and back; 'inX' says where the image is.
    boolean inX = true;
    if (flip && random.nextBoolean()) {
      Geometry.flipHorizontal(x, off, scratch, 0, shape);
      inX = false;
    }
    if (cropSize > 0) {
      int top = random.nextInt(shape.height() + 2 * cropPad - cropSize + 1);
      int left = random.nextInt(shape.width() + 2 * cropPad - cropSize + 1);
      inX = crop(x, off, scratch, inX, top, left);
    }
    if (shift > 0) {
      int dx = random.nextInt(-shift, shift + 1);
      int dy = random.nextInt(-shift, shift + 1);
      if (inX) {
        Geometry.shift(x, off, scratch, 0, shape, dx, dy);
      } else {
        Geometry.shift(scratch, 0, x, off, shape, dx, dy);
      }
      inX = !inX;
    }
    if (rotate > 0) {
      double degrees = random.nextDouble(-rotate, rotate);
      if (inX) {
        Geometry.rotate(x, off, scratch, 0, shape, degrees);
      } else {
        Geometry.rotate(scratch, 0, x, off, shape, degrees);
      }
      inX = !inX;
    }
    if (!inX) {
      System.arraycopy(scratch, 0, x, off, length);
    }
    if (brightness > 0) {
      Photometry.brightness(x, off, shape, random.nextDouble(1 - brightness, 1 + brightness));
    }
    if (contrast > 0) {
      Photometry.contrast(x, off, shape, random.nextDouble(1 - contrast, 1 + contrast));
    }
    if (saturation > 0) {
      Photometry.saturation(x, off, shape, random.nextDouble(1 - saturation, 1 + saturation));
    }
    if (noise > 0) {
      addNoise(x, off, length, random);
    }
  }

  private boolean crop(float[] x, int off, float[] scratch, boolean inX, int top, int left) {
    if (inX) {
      Geometry.crop(x, off, scratch, 0, shape, cropPad, cropSize, top, left);
    } else {
      Geometry.crop(scratch, 0, x, off, shape, cropPad, cropSize, top, left);
    }
    return !inX;
  }

  /** x += σ·z, z ~ N(0, 1) by the Box–Muller transform, two values per pair of draws. */
  private void addNoise(float[] x, int off, int length, SplittableRandom random) {
    for (int i = 0; i < length; i += 2) {
      double r = Math.sqrt(-2 * Math.log(1.0 - random.nextDouble()));
      double angle = 2 * Math.PI * random.nextDouble();
      x[off + i] += (float) (noise * r * Math.cos(angle));
      if (i + 1 < length) {
        x[off + i + 1] += (float) (noise * r * Math.sin(angle));
      }
    }
  }

  /** The draws of one sample in one epoch: a function of (seed, epoch, sample) alone. */
  static SplittableRandom random(long seed, int epoch, long sample) {
    long h = fmix(seed ^ 0x5DEECE66DL);
    h = fmix(h ^ (epoch * 0x9E3779B97F4A7C15L));
    h = fmix(h ^ (sample * 0xC2B2AE3D27D4EB4FL));
    return new SplittableRandom(h);
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Augmentation(shape=%s, flip=%s, rotate=%s, shift=%d,"
        + " crop=%d:%d, brightness=%s, contrast=%s, saturation=%s, noise=%s)", shape, flip,
        rotate, shift, cropPad, cropSize, brightness, contrast, saturation, noise);
  }
}
