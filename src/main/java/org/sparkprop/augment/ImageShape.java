package org.sparkprop.augment;

import java.io.Serializable;
import java.util.Locale;

/**
 * The shape of an image stored as one input row: {@code height × width × channels}, row-major,
 * channels last, so pixel (r, c) channel k is value {@code (r·width + c)·channels + k}.
 */
public record ImageShape(int height, int width, int channels) implements Serializable {

  public ImageShape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "image shape %dx%dx%d: height, width and channels must each be at least 1",
          height, width, channels));
    }
  }

  /** Values per image: height · width · channels. */
  public int size() {
    return height * width * channels;
  }

  /** Index of pixel (r, c), channel k, in a row. */
  public int index(int r, int c, int k) {
    return (r * width + c) * channels + k;
  }

  /**
   * Parses {@code HxWxC} (or {@code HxW} for one channel), e.g. {@code 28x28x1}.
   *
   * @throws IllegalArgumentException naming {@code where} and the form expected
   */
  public static ImageShape parse(String text, String where) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(where + " is '" + text
          + "'; it must be HEIGHTxWIDTHxCHANNELS (e.g. 28x28x1) or HEIGHTxWIDTH");
    }
    int[] v = new int[3];
    v[2] = 1;
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        v[i] = 0;
      }
      if (v[i] < 1) {
        throw new IllegalArgumentException(where + " is '" + text + "'; its dimension '"
            + parts[i] + "' must be a whole number >= 1 (form HEIGHTxWIDTHxCHANNELS)");
      }
    }
    return new ImageShape(v[0], v[1], v[2]);
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
