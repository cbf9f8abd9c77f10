package org.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Reads a report page back: its sections and its embedded images, decoded. */
public final class ReportPages {

  private static final Pattern SECTION = Pattern.compile("<section id=\"([a-z-]+)\">");
  private static final Pattern IMAGE = Pattern.compile(
      "<img alt=\"([^\"]*)\" width=\"(\\d+)\" height=\"(\\d+)\" src=\"data:image/png;base64,"
          + "([A-Za-z0-9+/=]+)\">");

  private ReportPages() {}

  /** The ids of the page's sections, in order. */
  public static List<String> sections(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = SECTION.matcher(html);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /**
   * Every embedded image, decoded with ImageIO; fails unless each decodes to its declared size
   * and shows more than one colour.
   */
  public static List<BufferedImage> images(String html) throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    Matcher m = IMAGE.matcher(html);
    while (m.find()) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(
          Base64.getDecoder().decode(m.group(4))));
      assertNotNull(image, "image '" + m.group(1) + "' does not decode");
      assertEquals(Integer.parseInt(m.group(2)), image.getWidth(), m.group(1));
      assertEquals(Integer.parseInt(m.group(3)), image.getHeight(), m.group(1));
      assertTrue(colours(image) > 2, "image '" + m.group(1) + "' is blank");
      images.add(image);
    }
    assertEquals(count(html, "<img "), images.size(), "every image is an embedded PNG");
    return images;
  }

  /** Distinct colours of {@code image} (up to 10,000). */
  public static int colours(BufferedImage image) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight() && seen.size() < 10_000; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
