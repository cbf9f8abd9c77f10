package org.sparkprop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sparkprop.cli.ModelFile;
import org.sparkprop.report.ChartImage;

/**
 * The figures of docs/pruning.md from finished runs: for each run directory (written by
 * {@code scripts/train --set prune.* --out DIR}), its test accuracy, the fraction of connection
 * weights at 0, the hidden sizes and the bytes of its model directory as the current code writes
 * it; then the accuracy-against-sparsity picture.
 * <pre>
 *   java -cp ... org.sparkprop.bench.PruningFigures BASE_RUN OUT.png RUN...
 * </pre>
 * Runs named {@code *-magnitude-*} and {@code *-saliency-*} make the two curves.
 */
public final class PruningFigures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PruningFigures() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    Path png = Path.of(args[1]);
    double baseAccuracy = accuracy(base);
    System.out.println("| run | weights at 0 | hidden sizes | test accuracy | cost (points)"
        + " | model bytes |");
    System.out.println("|---|---|---|---|---|---|");
    row(base, baseAccuracy);
    XYSeries magnitude = new XYSeries("magnitude |θ|");
    XYSeries saliency = new XYSeries("saliency Σ|θ·g|");
    magnitude.add(0, 100 * baseAccuracy);
    saliency.add(0, 100 * baseAccuracy);
    for (int i = 2; i < args.length; i++) {
      Path run = Path.of(args[i]);
      double[] r = row(run, baseAccuracy);
      String name = run.getFileName().toString();
      if (name.startsWith("m-magnitude")) {
        magnitude.add(100 * r[0], 100 * r[1]);
      } else if (name.startsWith("m-saliency")) {
        saliency.add(100 * r[0], 100 * r[1]);
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(magnitude);
    data.addSeries(saliency);
    JFreeChart chart = ChartFactory.createXYLineChart(
        "Fashion-MNIST 784-256-128-10: test accuracy after pruning",
        "connection weights removed (%)", "test accuracy (%)", data, PlotOrientation.VERTICAL,
        true, false, false);
    chart.getXYPlot().getRangeAxis().setAutoRange(true);
    ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis())
        .setAutoRangeIncludesZero(false);
    org.jfree.chart.renderer.xy.XYLineAndShapeRenderer shapes =
        new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
    chart.getXYPlot().setRenderer(shapes);
    Files.write(png, ChartImage.of(chart, "test accuracy against sparsity", 760, 440).png());
  }

  private static double accuracy(Path run) throws Exception {
    JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
    return summary.path("test_accuracy").asDouble();
  }

  /** Prints the run's row; returns {sparsity, accuracy}. */
  private static double[] row(Path run, double baseAccuracy) throws Exception {
    ModelFile.Loaded model = ModelFile.read(run.resolve("model"));
    float[] theta = model.theta();
    boolean[] weights = new org.sparkprop.nn.ThetaLayout(model.network().spec()).weightMask();
    long all = 0;
    long zero = 0;
    for (int i = 0; i < theta.length; i++) {
      if (weights[i]) {
        all++;
        zero += theta[i] == 0f ? 1 : 0;
      }
    }
    Path again = Files.createTempDirectory("pruned-model").resolve("model");
    ModelFile.write(again, model.network(), theta);
    long bytes = 0;
    List<Path> files = new ArrayList<>();
    try (var list = Files.list(again)) {
      list.forEach(files::add);
    }
    for (Path f : files) {
      bytes += Files.size(f);
    }
    double accuracy = accuracy(run);
    double sparsity = (double) zero / all;
    System.out.printf(Locale.ROOT, "| %s | %.1f %% | %s | %.2f %% | %.2f | %,d |%n",
        run.getFileName(), 100 * sparsity,
        Arrays.toString(model.network().spec().sizes()), 100 * accuracy,
        100 * (baseAccuracy - accuracy), bytes);
    return new double[] {sparsity, accuracy};
  }
}
