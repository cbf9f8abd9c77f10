package org.sparkprop.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each geometric transform against a hand-computed 4×4 image holding 1 … 16 row by row. */
class GeometryTest {

  private static final ImageShape FOUR = new ImageShape(4, 4, 1);

  private static float[] image() {
    float[] x = new float[16];
    for (int i = 0; i < 16; i++) {
      x[i] = i + 1;
    }
    return x;
  }

  @Test
  void flipMirrorsEveryRow() {
    float[] out = new float[16];
    Geometry.flipHorizontal(image(), 0, out, 0, FOUR);
    assertArrayEquals(new float[] {4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9, 16, 15, 14, 13}, out);
  }

  @Test
  void rotationBy90DegreesTurnsCounterClockwise() {
    float[] out = new float[16];
    Geometry.rotate(image(), 0, out, 0, FOUR, 90);
    assertArrayEquals(new float[] {4, 8, 12, 16, 3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13}, out,
        1e-5f);
    Geometry.rotate(image(), 0, out, 0, FOUR, -90);
    assertArrayEquals(new float[] {13, 9, 5, 1, 14, 10, 6, 2, 15, 11, 7, 3, 16, 12, 8, 4}, out,
        1e-5f);
  }

  @Test
  void rotationBy180DegreesReversesTheImage() {
    float[] out = new float[16];
    Geometry.rotate(image(), 0, out, 0, FOUR, 180);
    float[] expected = new float[16];
    for (int i = 0; i < 16; i++) {
      expected[i] = 16 - i;
    }
    assertArrayEquals(expected, out, 1e-5f);
  }

  @Test
  void rotationInterpolatesBilinearlyAndFillsWithZero() {
    // 45° about (1.5, 1.5): output (row 1, column 1), offset (−0.5, −0.5) from the centre,
    // samples column 1.5 and row 1.5 − √½, where the linear image holds 4·row + column + 1;
    // output (0, 0) samples column 1.5 and row 1.5 − 1.5·√2, within one pixel above the image:
    // a blend of row 0 (4·0 + 1.5 + 1) and the zeros outside, weighted by the row's fraction.
    float[] out = new float[16];
    Geometry.rotate(image(), 0, out, 0, FOUR, 45);
    double row = 1.5 - Math.sqrt(0.5);
    assertEquals(4 * row + 1.5 + 1, out[5], 1e-5);
    double outside = 1.5 - 1.5 * Math.sqrt(2);
    assertEquals((outside + 1) * 2.5, out[0], 1e-5);
  }

  @Test
  void shiftMovesRightAndDownAndFillsWithZero() {
    float[] out = new float[16];
    Geometry.shift(image(), 0, out, 0, FOUR, 1, 0);
    assertArrayEquals(new float[] {0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0, 13, 14, 15}, out);
    Geometry.shift(image(), 0, out, 0, FOUR, -1, 1);
    assertArrayEquals(new float[] {0, 0, 0, 0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11, 12, 0}, out);
  }

  @Test
  void cropOfTheFullSizeIsAWindowOfThePaddedImage() {
    float[] out = new float[16];
    // Padding 1, window at row 0, column 2 of the 6×6 padded image.
    Geometry.crop(image(), 0, out, 0, FOUR, 1, 4, 0, 2);
    assertArrayEquals(new float[] {0, 0, 0, 0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11, 12, 0}, out);
    // Padding 1, window at (1, 1): the image itself.
    Geometry.crop(image(), 0, out, 0, FOUR, 1, 4, 1, 1);
    assertArrayEquals(image(), out);
  }

  @Test
  void smallerCropIsScaledBackToTheImageSize() {
    // The 2×2 window at (1, 1) scaled to 4×4: output pixel (r, c) samples row 0.75 + r/2,
    // column 0.75 + c/2, where the linear image holds 4·row + column + 1.
    float[] out = new float[16];
    Geometry.crop(image(), 0, out, 0, FOUR, 0, 2, 1, 1);
    float[] expected = new float[16];
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        expected[4 * r + c] = (float) (4 * (0.75 + 0.5 * r) + (0.75 + 0.5 * c) + 1);
      }
    }
    assertArrayEquals(expected, out, 1e-5f);
  }

  @Test
  void channelsMoveTogether() {
    ImageShape rgb = new ImageShape(1, 2, 3);
    float[] out = new float[6];
    Geometry.flipHorizontal(new float[] {1, 2, 3, 4, 5, 6}, 0, out, 0, rgb);
    assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3}, out);
  }
}
