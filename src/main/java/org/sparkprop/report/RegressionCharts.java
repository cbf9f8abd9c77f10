package org.sparkprop.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sparkprop.spark.RowSample;

/**
 * A regression's sampled rows: predicted against true (first output), with the line y = x, and
 * the histogram of the residuals t − s.
 */
public final class RegressionCharts {

  private RegressionCharts() {}

  /** Predicted against true value, one point per sampled row. */
  public static ChartImage scatter(ReportData d) {
    RowSample sample = d.sample();
    XYSeries points = new XYSeries("rows", false, true);
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (int r = 0; r < sample.rows(); r++) {
      points.add(sample.truth()[r], sample.predicted()[r]);
      lo = Math.min(lo, Math.min(sample.truth()[r], sample.predicted()[r]));
      hi = Math.max(hi, Math.max(sample.truth()[r], sample.predicted()[r]));
    }
    XYSeries identity = new XYSeries("predicted = true");
    if (sample.rows() > 0) {
      identity.add(lo, lo);
      identity.add(hi, hi);
    }
    XYSeriesCollection data = new XYSeriesCollection(points);
    data.addSeries(identity);
    JFreeChart chart = ChartFactory.createScatterPlot("Predicted vs true, " + sample.rows() + " "
        + d.evaluatedOn() + " rows", "true value", "predicted value", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    r.setSeriesLinesVisible(0, false);
    r.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
    r.setSeriesPaint(0, ChartImage.color(0));
    r.setSeriesShapesVisible(1, false);
    r.setSeriesPaint(1, Color.GRAY);
    r.setSeriesStroke(1, new BasicStroke(1.5f));
    plot.setRenderer(r);
    return ChartImage.of(chart, "predicted against true values of the sampled rows", 560, 520);
  }

  /** The histogram of the residuals t − s of the sampled rows. */
  public static ChartImage residuals(ReportData d) {
    RowSample sample = d.sample();
    double[] residuals = new double[Math.max(1, sample.rows())];
    for (int r = 0; r < sample.rows(); r++) {
      residuals[r] = sample.truth()[r] - sample.predicted()[r];
    }
    HistogramDataset data = new HistogramDataset();
    data.addSeries("t - s", residuals, 40);
    JFreeChart chart = ChartFactory.createHistogram("Residuals, " + sample.rows() + " "
        + d.evaluatedOn() + " rows", "residual t - s", "rows", data, PlotOrientation.VERTICAL,
        false, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    XYBarRenderer bars = (XYBarRenderer) plot.getRenderer();
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setSeriesPaint(0, ChartImage.color(0));
    return ChartImage.of(chart, "histogram of the residuals of the sampled rows", 560, 520);
  }
}
