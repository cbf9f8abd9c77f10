package org.sparkprop.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sparkprop.train.EpochStats;

/**
 * The learning curves of a run: per epoch, the training and validation loss with the learning
 * rate ρ on a second axis, and the training and validation accuracy (RMSE = √(2·loss / M_L) for
 * a regression, from the squared-error loss ½ Σ (t − s)²); the best epoch is marked and the stop
 * reason given under the title.
 */
public final class LearningCurveChart {

  private LearningCurveChart() {}

  /** The loss chart, with ρ per epoch on a second axis. */
  public static ChartImage loss(ReportData d) {
    XYSeriesCollection curves = new XYSeriesCollection();
    curves.addSeries(series("training loss", d.history(), EpochStats::loss));
    XYSeries validation = series("validation loss", d.history(), EpochStats::validationLoss);
    if (validation.getItemCount() > 0) {
      curves.addSeries(validation);
    }
    JFreeChart chart = lines("Loss per epoch", "loss", curves);
    XYPlot plot = chart.getXYPlot();
    XYSeries rates = new XYSeries("learning rate");
    for (int e = 0; e < d.learningRates().length; e++) {
      if (d.learningRates()[e] > 0) {
        rates.add(e + 1, d.learningRates()[e]);
      }
    }
    if (rates.getItemCount() > 0) {
      NumberAxis rateAxis = rates.getMinY() < rates.getMaxY() ? new NumberAxis("learning rate")
          : new NumberAxis("learning rate (constant)");
      rateAxis.setAutoRangeIncludesZero(true);
      plot.setRangeAxis(1, rateAxis);
      plot.setDataset(1, new XYSeriesCollection(rates));
      plot.mapDatasetToRangeAxis(1, 1);
      XYStepRenderer step = new XYStepRenderer();
      step.setSeriesPaint(0, new Color(0x999999));
      step.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
          10f, new float[] {4f, 4f}, 0f));
      plot.setRenderer(1, step);
    }
    decorate(chart, d);
    return ChartImage.of(chart, "training and validation loss per epoch, learning rate", 760,
        380);
  }

  /** Accuracy per epoch (classifiers), or RMSE per epoch (regression). */
  public static ChartImage quality(ReportData d) {
    XYSeriesCollection curves = new XYSeriesCollection();
    String what;
    if (d.classifies()) {
      what = "accuracy";
      curves.addSeries(series("training accuracy", d.history(), EpochStats::accuracy));
      XYSeries v = series("validation accuracy", d.history(), EpochStats::validationAccuracy);
      if (v.getItemCount() > 0) {
        curves.addSeries(v);
      }
    } else {
      what = "RMSE";
      int m = Math.max(1, d.outputs());
      curves.addSeries(series("training RMSE", d.history(), s -> rmse(s.loss(), m)));
      XYSeries v = series("validation RMSE", d.history(), s -> rmse(s.validationLoss(), m));
      if (v.getItemCount() > 0) {
        curves.addSeries(v);
      }
    }
    JFreeChart chart = lines((d.classifies() ? "Accuracy" : "RMSE") + " per epoch", what, curves);
    decorate(chart, d);
    return ChartImage.of(chart, "training and validation " + what + " per epoch", 760, 380);
  }

  /** The RMSE of a mean squared-error loss ½ Σ_i (t_i − s_i)² over {@code outputs} outputs. */
  static double rmse(double loss, int outputs) {
    return Math.sqrt(2 * loss / outputs);
  }

  /** The finite values of {@code figure} per epoch. */
  static XYSeries series(String name, List<EpochStats> history,
      java.util.function.ToDoubleFunction<EpochStats> figure) {
    XYSeries s = new XYSeries(name);
    for (EpochStats e : history) {
      double v = figure.applyAsDouble(e);
      if (Double.isFinite(v)) {
        s.add(e.epoch(), v);
      }
    }
    return s;
  }

  static JFreeChart lines(String title, String axis, XYSeriesCollection curves) {
    JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", axis, curves,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int k = 0; k < curves.getSeriesCount(); k++) {
      r.setSeriesPaint(k, ChartImage.color(k));
      r.setSeriesStroke(k, new BasicStroke(2f));
    }
    plot.setRenderer(r);
    NumberAxis epochs = (NumberAxis) plot.getDomainAxis();
    epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    return chart;
  }

  /** Marks the best epoch and gives the stop reason under the title. */
  static void decorate(JFreeChart chart, ReportData d) {
    if (d.bestEpoch() > 0) {
      ValueMarker best = new ValueMarker(d.bestEpoch(), new Color(0x009E73),
          new BasicStroke(1.5f));
      best.setLabel("best epoch " + d.bestEpoch());
      best.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      best.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      best.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      chart.getXYPlot().addDomainMarker(best);
    }
    chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "%d epochs, stopped: %s",
        d.history().size(), d.stopReason()), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
  }
}
