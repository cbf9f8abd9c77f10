package org.sparkprop.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-sample pipeline: identity, seeding, and the checks of its settings. */
class AugmentationTest {

  private static final ImageShape MNIST = new ImageShape(28, 28, 1);

  private static float[] image(long seed) {
    float[] x = new float[MNIST.size()];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    return x;
  }

  private static Augmentation all() {
    return new Augmentation(MNIST, true, 15, 2, 2, 26, 0.2, 0.2, 0, 0.05);
  }

  private static float[] applied(Augmentation a, float[] in, long seed, int epoch, long sample) {
    float[] x = in.clone();
    a.apply(x, 0, x.length, seed, epoch, sample, new float[x.length]);
    return x;
  }

  @Test
  void identitySettingsLeaveRowsBitwiseUnchanged() {
    float[] in = image(1);
    assertArrayEquals(in, applied(Augmentation.NONE, in, 7, 3, 11));
    // A crop window as large as the image without padding, and zero-strength transforms.
    Augmentation same = new Augmentation(MNIST, false, 0, 0, 0, 28, 0, 0, 0, 0);
    for (long sample = 0; sample < 20; sample++) {
      assertArrayEquals(in, applied(same, in, 7, 3, sample));
    }
    assertTrue(Augmentation.NONE.isIdentity());
    assertFalse(all().isIdentity());
  }

  @Test
  void drawsDependOnSeedEpochAndSampleAlone() {
    float[] in = image(2);
    Augmentation a = all();
    float[] once = applied(a, in, 5, 2, 1234);
    assertArrayEquals(once, applied(a, in, 5, 2, 1234));
    assertFalse(Arrays.equals(once, in));
    assertFalse(Arrays.equals(once, applied(a, in, 5, 2, 1235)));
    assertFalse(Arrays.equals(once, applied(a, in, 5, 3, 1234)));
    assertFalse(Arrays.equals(once, applied(a, in, 6, 2, 1234)));
  }

  @Test
  void rowsInsideABlockAreTransformedAsAlone() {
    // Two rows side by side: each as if it were transformed on its own, offsets respected.
    float[] a = image(3);
    float[] b = image(4);
    float[] block = new float[2 * a.length];
    System.arraycopy(a, 0, block, 0, a.length);
    System.arraycopy(b, 0, block, a.length, b.length);
    Augmentation aug = all();
    float[] scratch = new float[a.length];
    aug.apply(block, 0, a.length, 9, 0, 10, scratch);
    aug.apply(block, a.length, a.length, 9, 0, 11, scratch);
    assertArrayEquals(applied(aug, a, 9, 0, 10), Arrays.copyOfRange(block, 0, a.length));
    assertArrayEquals(applied(aug, b, 9, 0, 11), Arrays.copyOfRange(block, a.length,
        block.length));
  }

  @Test
  void flipHappensForAboutHalfOfTheSamples() {
    Augmentation flip = new Augmentation(MNIST, true, 0, 0, 0, 0, 0, 0, 0, 0);
    float[] in = image(5);
    int flipped = 0;
    for (long sample = 0; sample < 2000; sample++) {
      if (!Arrays.equals(in, applied(flip, in, 1, 0, sample))) {
        flipped++;
      }
    }
    // Binomial(2000, 1/2): mean 1000, standard deviation about 22.
    assertTrue(flipped > 900 && flipped < 1100, "flipped " + flipped + " of 2000");
  }

  @Test
  void noiseAloneNeedsNoImageShape() {
    Augmentation noise = new Augmentation(null, false, 0, 0, 0, 0, 0, 0, 0, 0.1);
    float[] in = {0, 0, 0, 0, 0};
    float[] out = applied(noise, in, 1, 0, 0);
    assertFalse(Arrays.equals(in, out));
    double sum = 0;
    float[] many = new float[20000];
    noise.apply(many, 0, many.length, 3, 0, 1, new float[many.length]);
    for (float v : many) {
      sum += v * v;
    }
    // The sample variance of 20,000 draws of N(0, 0.01): within 5% of 0.01 (about 5 sigma).
    double variance = sum / many.length;
    assertTrue(Math.abs(variance - 0.01) < 0.0005, "variance " + variance);
  }

  @Test
  void badSettingsAreRefusedWithTheirNames() {
    assertMessage("augment.rotate", () -> new Augmentation(MNIST, false, 200, 0, 0, 0, 0, 0, 0,
        0));
    Augmentation noShape = new Augmentation(null, true, 0, 0, 0, 0, 0, 0, 0, 0);
    assertMessage("data.imageShape", () -> noShape.withShape(null));
    assertMessage("data.imageShape", () -> noShape.apply(new float[4], 0, 4, 1, 0, 0,
        new float[4]));
    assertMessage("augment.shift",
        () -> new Augmentation(null, false, 0, 5, 0, 0, 0, 0, 0, 0).withShape(
            new ImageShape(4, 4, 1)));
    assertMessage("augment.shift", () -> new Augmentation(MNIST, false, 0, 28, 0, 0, 0, 0, 0,
        0));
    assertMessage("augment.crop", () -> new Augmentation(MNIST, false, 0, 0, 2, 33, 0, 0, 0,
        0));
    assertMessage("augment.saturation", () -> new Augmentation(MNIST, false, 0, 0, 0, 0, 0, 0,
        0.3, 0));
    assertMessage("augment.brightness", () -> new Augmentation(MNIST, false, 0, 0, 0, 0, 1.5,
        0, 0, 0));
    Augmentation flip = new Augmentation(MNIST, true, 0, 0, 0, 0, 0, 0, 0, 0);
    assertMessage("data.imageShape",
        () -> flip.apply(new float[10], 0, 10, 1, 0, 0, new float[10]));
  }

  private static void assertMessage(String name, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, e);
    assertTrue(thrown.getMessage().contains(name), thrown.getMessage());
  }

  @Test
  void shapeParsesTheUsualForms() {
    assertTrue(ImageShape.parse("28x28x1", "data.imageShape").equals(MNIST));
    assertTrue(ImageShape.parse("32X32x3", "x").equals(new ImageShape(32, 32, 3)));
    assertTrue(ImageShape.parse("28x28", "x").equals(MNIST));
    assertMessage("data.imageShape", () -> ImageShape.parse("28", "data.imageShape"));
    assertMessage("data.imageShape", () -> ImageShape.parse("28x0x1", "data.imageShape"));
  }
}
