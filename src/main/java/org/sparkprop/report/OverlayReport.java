package org.sparkprop.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sparkprop.train.EpochStats;

/**
 * Several runs' learning curves overlaid on one page (an optimizer comparison, say): one chart
 * per figure (training loss, validation loss, accuracy or RMSE, validation accuracy or RMSE,
 * throughput), one line per run, and a table of each run's figures.
 */
public final class OverlayReport {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private OverlayReport() {}

  /** The page overlaying {@code runs}, each named by its title. */
  public static String html(List<ReportData> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("an overlay of no runs: give at least one run");
    }
    HtmlPage page = new HtmlPage("sparkprop runs compared: " + runs.size() + " runs");
    page.section("learning-curves", "Learning curves");
    boolean classifies = runs.stream().allMatch(ReportData::classifies);
    chart(page, runs, "Training loss", "loss", EpochStats::loss);
    chart(page, runs, "Validation loss", "loss", EpochStats::validationLoss);
    if (classifies) {
      chart(page, runs, "Training accuracy", "accuracy", EpochStats::accuracy);
      chart(page, runs, "Validation accuracy", "accuracy", EpochStats::validationAccuracy);
    }
    chart(page, runs, "Throughput", "samples/s", EpochStats::samplesPerSecond);
    page.end();
    page.section("runs", "Runs");
    List<String> keys = new ArrayList<>();
    for (ReportData d : runs) {
      d.figures().keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
    }
    List<String> header = new ArrayList<>(List.of("figure"));
    runs.forEach(d -> header.add(d.title()));
    List<List<String>> rows = new ArrayList<>();
    for (String k : keys) {
      List<String> row = new ArrayList<>(List.of(k));
      runs.forEach(d -> row.add(d.figures().getOrDefault(k, "")));
      rows.add(row);
    }
    page.table(header, rows).end();
    return page.finish();
  }

  /** One chart of {@code figure} per epoch, a line per run that has it; none if no run has. */
  private static void chart(HtmlPage page, List<ReportData> runs, String title, String axis,
      ToDoubleFunction<EpochStats> figure) {
    XYSeriesCollection curves = new XYSeriesCollection();
    for (ReportData d : runs) {
      XYSeries s = LearningCurveChart.series(d.title(), d.history(), figure);
      if (s.getItemCount() > 0) {
        curves.addSeries(s);
      }
    }
    if (curves.getSeriesCount() == 0) {
      return;
    }
    JFreeChart chart = LearningCurveChart.lines(title + " per epoch", axis, curves);
    page.image(ChartImage.of(chart, title.toLowerCase(java.util.Locale.ROOT)
        + " per epoch of every run", 860, 420));
  }
}
