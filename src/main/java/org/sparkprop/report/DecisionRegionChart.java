package org.sparkprop.report;

import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sparkprop.spark.RowSample;

/**
 * The decision regions of a two-input classifier: the plane coloured (lightly) by the predicted
 * class, and the sampled rows on top in the full colour of their true class, ringed in red when
 * the model gets them wrong.
 */
public final class DecisionRegionChart {

  private DecisionRegionChart() {}

  /** The regions of {@code d.plane()} with {@code d.sample()}'s points. */
  public static ChartImage of(ReportData d) {
    DecisionPlane plane = d.plane();
    int n = plane.n();
    double[][] cells = new double[3][n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        cells[0][j * n + i] = plane.xMin() + (i + 0.5) * plane.dx();
        cells[1][j * n + i] = plane.yMin() + (j + 0.5) * plane.dy();
        cells[2][j * n + i] = plane.classes()[j * n + i];
      }
    }
    DefaultXYZDataset grid = new DefaultXYZDataset();
    grid.addSeries("predicted class", cells);
    XYBlockRenderer blocks = new XYBlockRenderer();
    blocks.setBlockWidth(plane.dx());
    blocks.setBlockHeight(plane.dy());
    blocks.setPaintScale(new Classes());
    blocks.setDefaultSeriesVisibleInLegend(false);
    NumberAxis x = new NumberAxis("x1");
    NumberAxis y = new NumberAxis("x2");
    x.setRange(plane.xMin(), plane.xMax());
    y.setRange(plane.yMin(), plane.yMax());
    XYPlot plot = new XYPlot(grid, x, y, blocks);
    RowSample sample = d.sample();
    int classes = 0;
    for (int r = 0; r < sample.rows(); r++) {
      classes = Math.max(classes, (int) sample.truth()[r] + 1);
    }
    XYSeriesCollection points = new XYSeriesCollection();
    XYSeries[] byClass = new XYSeries[classes];
    for (int k = 0; k < classes; k++) {
      byClass[k] = new XYSeries(d.className(k), false, true);
      points.addSeries(byClass[k]);
    }
    XYSeries wrong = new XYSeries("misclassified", false, true);
    for (int r = 0; r < sample.rows(); r++) {
      double px = sample.x()[2 * r];
      double py = sample.x()[2 * r + 1];
      byClass[(int) sample.truth()[r]].add(px, py);
      if (sample.truth()[r] != sample.predicted()[r]) {
        wrong.add(px, py);
      }
    }
    points.addSeries(wrong);
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    for (int k = 0; k < classes; k++) {
      dots.setSeriesPaint(k, ChartImage.color(k).darker());
      dots.setSeriesShape(k, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
    }
    dots.setSeriesPaint(classes, Color.RED);
    dots.setSeriesShape(classes, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
    dots.setSeriesShapesFilled(classes, false);
    plot.setDataset(1, points);
    plot.setRenderer(1, dots);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setBackgroundPaint(Color.WHITE);
    JFreeChart chart = new JFreeChart("Decision regions, " + sample.rows() + " " + d.evaluatedOn()
        + " rows", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    // Cells drawn without anti-aliasing meet without seams (and the image stays small); the
    // text keeps it.
    chart.setAntiAlias(false);
    chart.setTextAntiAlias(true);
    return ChartImage.of(chart, "decision regions of the plane with the sampled rows", 620, 620);
  }

  /** Class k in a light tint of its colour. */
  private static final class Classes implements PaintScale {
    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return ChartImage.PALETTE.length;
    }

    @Override
    public Paint getPaint(double value) {
      Color c = ChartImage.color((int) Math.round(value));
      return new Color(tint(c.getRed()), tint(c.getGreen()), tint(c.getBlue()));
    }

    private static int tint(int v) {
      return (int) Math.round(v + (255 - v) * 0.7);
    }
  }
}
