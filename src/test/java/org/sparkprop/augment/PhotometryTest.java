package org.sparkprop.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The colour transforms on known pixels. */
class PhotometryTest {

  private static final ImageShape GREY = new ImageShape(2, 2, 1);

  @Test
  void brightnessScalesEveryValue() {
    float[] x = {1, 2, 3, 4};
    Photometry.brightness(x, 0, GREY, 1.5);
    assertArrayEquals(new float[] {1.5f, 3, 4.5f, 6}, x);
  }

  @Test
  void contrastMovesValuesAwayFromTheMean() {
    float[] x = {1, 2, 3, 4};
    Photometry.contrast(x, 0, GREY, 2);
    assertArrayEquals(new float[] {-0.5f, 1.5f, 3.5f, 5.5f}, x, 1e-6f);
    float[] flat = {1, 2, 3, 4};
    Photometry.contrast(flat, 0, GREY, 0);
    assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, flat, 1e-6f);
  }

  @Test
  void contrastOfColourImagesUsesTheMeanLuma() {
    // One red and one black pixel: mean luma (0.299 + 0) / 2.
    ImageShape rgb = new ImageShape(1, 2, 3);
    float[] x = {1, 0, 0, 0, 0, 0};
    Photometry.contrast(x, 0, rgb, 0.5);
    double m = 0.299 / 2;
    float[] expected = new float[6];
    float[] in = {1, 0, 0, 0, 0, 0};
    for (int i = 0; i < 6; i++) {
      expected[i] = (float) (m + 0.5 * (in[i] - m));
    }
    assertArrayEquals(expected, x, 1e-6f);
  }

  @Test
  void saturationMovesEachPixelAwayFromItsGrey() {
    ImageShape rgb = new ImageShape(1, 1, 3);
    float[] grey = {1, 0, 0};
    Photometry.saturation(grey, 0, rgb, 0);
    assertArrayEquals(new float[] {0.299f, 0.299f, 0.299f}, grey, 1e-6f);
    float[] vivid = {1, 0, 0};
    Photometry.saturation(vivid, 0, rgb, 2);
    assertArrayEquals(new float[] {1.701f, -0.299f, -0.299f}, vivid, 1e-6f);
  }

  @Test
  void saturationNeedsThreeChannels() {
    assertThrows(IllegalArgumentException.class,
        () -> Photometry.saturation(new float[4], 0, GREY, 1.2));
  }

  @Test
  void offsetsSelectOneImageOfARowBlock() {
    float[] x = {9, 9, 1, 2, 3, 4, 9};
    Photometry.brightness(x, 2, GREY, 2);
    assertArrayEquals(new float[] {9, 9, 2, 4, 6, 8, 9}, x);
  }
}
