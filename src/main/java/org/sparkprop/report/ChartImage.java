package org.sparkprop.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * A chart drawn as a PNG image, embedded in a page as a base64 data URI: the page needs no other
 * file and no network to show it. Drawing runs headless (no display needed).
 */
public record ChartImage(String alt, int width, int height, byte[] png) {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** The palette of the classes and series, colour-blind friendly (Okabe and Ito). */
  static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
      new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442),
      new Color(0x000000), new Color(0x999999), new Color(0x8C564B)};

  /** The colour of series or class {@code k}. */
  static Color color(int k) {
    return PALETTE[k % PALETTE.length];
  }

  /** Draws {@code chart} at {@code width} × {@code height} pixels. */
  public static ChartImage of(JFreeChart chart, String alt, int width, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the chart '" + alt + "'", e);
    }
    return new ChartImage(alt, width, height, png.toByteArray());
  }

  /** The image as a {@code data:image/png;base64,...} URI. */
  public String dataUri() {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }
}
