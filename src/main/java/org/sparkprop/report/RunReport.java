package org.sparkprop.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of one training run as one self-contained HTML page ({@value #FILE}): learning
 * curves, the confusion matrix (classifiers) or predicted-vs-true and residuals (regression),
 * decision regions (two inputs), where the time went, the settings and the model. Drawn on the
 * driver, after training, from a {@link ReportData} whose size does not grow with the data.
 */
public final class RunReport {

  /** The report's file name in a run directory. */
  public static final String FILE = "report.html";

  /** The file beside it that holds what it was drawn from ({@link ReportJson}). */
  public static final String DATA_FILE = "report-data.json";

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private RunReport() {}

  /** The page of {@code d}. */
  public static String html(ReportData d) {
    HtmlPage page = new HtmlPage("sparkprop run report: " + d.title());
    if (!d.figures().isEmpty()) {
      page.section("figures", "Figures");
      List<List<String>> rows = new ArrayList<>();
      d.figures().forEach((k, v) -> rows.add(List.of(k, v)));
      page.table(List.of("figure", "value"), rows).end();
    }
    page.section("learning-curves", "Learning curves");
    if (d.history().isEmpty()) {
      page.paragraph("No epoch was recorded.");
    } else {
      page.image(LearningCurveChart.loss(d)).image(LearningCurveChart.quality(d));
      page.paragraph(String.format(Locale.ROOT, "Training figures are the running means of the"
          + " epoch's batches; validation figures are measured after each epoch. Stop reason:"
          + " %s%s.", d.stopReason(), d.bestEpoch() > 0 ? "; the model has the weights of epoch "
          + d.bestEpoch() : ""));
    }
    page.end();
    if (d.confusion() != null) {
      page.section("confusion-matrix", "Confusion matrix");
      page.image(ConfusionHeatMap.of(d));
      page.table(List.of("class", "precision", "recall", "F1", "support"), classRows(d));
      page.paragraph("Counts summed on the executors over every " + d.evaluatedOn() + " row.")
          .end();
    }
    if (d.sample() != null && !d.classifies() && d.sample().rows() > 0) {
      page.section("regression", "Predicted vs true");
      page.image(RegressionCharts.scatter(d)).image(RegressionCharts.residuals(d));
      page.paragraph("A sample of " + d.sample().rows() + " " + d.evaluatedOn()
          + " rows drawn on the executors (first output).").end();
    }
    if (d.plane() != null && d.sample() != null) {
      page.section("decision-regions", "Decision regions");
      page.image(DecisionRegionChart.of(d));
      page.paragraph("The plane coloured by the predicted class (a grid scored on the driver)"
          + " and a sample of " + d.sample().rows() + " " + d.evaluatedOn()
          + " rows drawn on the executors, coloured by their true class.").end();
    }
    page.section("time", "Where the time went");
    if (!d.history().isEmpty()) {
      page.image(TimeCharts.throughput(d));
    }
    if (!d.updateSplit().isEmpty()) {
      page.image(TimeCharts.updateSplit(d));
      List<List<String>> rows = new ArrayList<>();
      for (UpdateSplit w : d.updateSplit()) {
        rows.add(List.of(w.window(), w.from() + "-" + w.to(), ms(w.wallMs()), ms(w.computeMs()),
            ms(w.sparkMs())));
      }
      page.table(List.of("updates", "range", "wall ms", "compute ms", "Spark ms"), rows);
    } else {
      page.paragraph("The per-update split of compute and Spark is measured with --profile.");
    }
    page.end();
    page.section("settings", "Effective settings");
    List<List<String>> settings = new ArrayList<>();
    d.settings().forEach((k, v) -> settings.add(List.of(k, v)));
    page.table(List.of("setting", "value"), settings).end();
    page.section("model", "Model").preformatted(d.modelSummary()).end();
    return page.finish();
  }

  /** Writes {@value #FILE} and {@value #DATA_FILE} of {@code d} into the local {@code dir}. */
  public static Path write(ReportData d, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(DATA_FILE), ReportJson.write(d));
    Path file = dir.resolve(FILE);
    Files.writeString(file, html(d), StandardCharsets.UTF_8);
    return file;
  }

  private static List<List<String>> classRows(ReportData d) {
    List<List<String>> rows = new ArrayList<>();
    for (int k = 0; k < d.confusion().length; k++) {
      ClassScores s = ClassScores.of(d.confusion(), k);
      rows.add(List.of(d.className(k), fixed(s.precision()), fixed(s.recall()), fixed(s.f1()),
          Long.toString(s.support())));
    }
    return rows;
  }

  private static String fixed(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
  }

  /** Figures as text for the report's table: numbers with up to six significant digits. */
  public static String text(Object figure) {
    if (figure instanceof Double v) {
      return String.format(Locale.ROOT, "%.6g", v);
    }
    return String.valueOf(figure);
  }

  /** The figures of a run as text, in order. */
  public static Map<String, String> texts(Map<String, Object> figures) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    figures.forEach((k, v) -> out.put(k, text(v)));
    return out;
  }
}
