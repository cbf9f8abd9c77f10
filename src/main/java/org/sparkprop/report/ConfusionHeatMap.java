package org.sparkprop.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The confusion matrix as a heat map: true class down, predicted class across, each cell
 * coloured by the share of its true class (its row) and labelled with its count.
 */
public final class ConfusionHeatMap {

  private ConfusionHeatMap() {}

  /** The heat map of {@code d}'s confusion counts. */
  public static ChartImage of(ReportData d) {
    long[][] m = d.confusion();
    int k = m.length;
    double[][] cells = new double[3][k * k];
    for (int t = 0; t < k; t++) {
      long support = 0;
      for (long v : m[t]) {
        support += v;
      }
      for (int p = 0; p < k; p++) {
        int i = t * k + p;
        cells[0][i] = p;
        cells[1][i] = k - 1 - t;
        cells[2][i] = support == 0 ? 0 : (double) m[t][p] / support;
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("share of the true class", cells);
    String[] names = new String[k];
    String[] reversed = new String[k];
    for (int c = 0; c < k; c++) {
      names[c] = d.className(c);
      reversed[k - 1 - c] = d.className(c);
    }
    SymbolAxis predicted = new SymbolAxis("predicted class", names);
    predicted.setVerticalTickLabels(k > 4);
    SymbolAxis truth = new SymbolAxis("true class", reversed);
    predicted.setGridBandsVisible(false);
    truth.setGridBandsVisible(false);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(new Blues());
    XYPlot plot = new XYPlot(data, predicted, truth, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, k > 6 ? 10 : 13);
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        XYTextAnnotation count = new XYTextAnnotation(Long.toString(m[t][p]), p, k - 1 - t);
        count.setFont(font);
        count.setPaint(cells[2][t * k + p] > 0.55 ? Color.WHITE : Color.BLACK);
        plot.addAnnotation(count);
      }
    }
    JFreeChart chart = new JFreeChart("Confusion matrix (" + d.evaluatedOn() + " rows)",
        JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    int size = Math.max(420, Math.min(760, 140 + 60 * k));
    return ChartImage.of(chart, "confusion matrix heat map", size + 60, size);
  }

  /** White (0) to dark blue (1). */
  private static final class Blues implements PaintScale {
    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return 1;
    }

    @Override
    public Paint getPaint(double value) {
      double v = Math.max(0, Math.min(1, value));
      return new Color((int) Math.round(247 - v * (247 - 8)), (int) Math.round(251 - v * (251
          - 48)), (int) Math.round(255 - v * (255 - 107)));
    }
  }
}
