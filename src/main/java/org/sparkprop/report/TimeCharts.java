package org.sparkprop.report;

import java.awt.Color;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.sparkprop.train.EpochStats;

/**
 * Where a run's time went: the training throughput of every epoch, and, when it was measured
 * ({@code --profile}), each window's milliseconds per update split into the longest task's
 * compute and the rest (Spark).
 */
public final class TimeCharts {

  private TimeCharts() {}

  /** Training samples per second of every epoch. */
  public static ChartImage throughput(ReportData d) {
    XYSeriesCollection data = new XYSeriesCollection(LearningCurveChart.series("samples/s",
        d.history(), EpochStats::samplesPerSecond));
    JFreeChart chart = LearningCurveChart.lines("Throughput per epoch", "samples/s", data);
    chart.removeLegend();
    return ChartImage.of(chart, "training samples per second of every epoch", 760, 320);
  }

  /** Milliseconds per update, compute and Spark, per window of updates. */
  public static ChartImage updateSplit(ReportData d) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (UpdateSplit w : d.updateSplit()) {
      String window = w.window() + " (" + w.from() + "-" + w.to() + ")";
      data.addValue(w.computeMs(), "compute (longest task)", window);
      data.addValue(w.sparkMs(), "Spark (wall - compute)", window);
    }
    JFreeChart chart = ChartFactory.createStackedBarChart("Milliseconds per update", "updates",
        "ms per update", data, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    BarRenderer bars = (BarRenderer) plot.getRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setSeriesPaint(0, ChartImage.color(0));
    bars.setSeriesPaint(1, ChartImage.color(1));
    return ChartImage.of(chart, "milliseconds per update, compute and Spark", 760, 340);
  }
}
