package org.sparkprop.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sparkprop.spark.RowSample;
import org.sparkprop.train.EpochStats;

/** Report data made up in memory, for the tests of the report without Spark. */
final class ReportFixtures {

  private ReportFixtures() {}

  static List<EpochStats> history(int epochs, boolean classifies) {
    List<EpochStats> h = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      h.add(new EpochStats(e, 10 * e, 1.0 / e, classifies ? 1 - 0.5 / e : Double.NaN,
          1.2 / e, classifies ? 1 - 0.6 / e : Double.NaN, 1000 + 10 * e, 0.5 * e));
    }
    return h;
  }

  /** A two-input, three-class classifier's report with a decision plane. */
  static ReportData classifier() {
    int n = 600;
    SplittableRandom random = new SplittableRandom(7);
    float[] x = new float[2 * n];
    float[] truth = new float[n];
    float[] predicted = new float[n];
    for (int r = 0; r < n; r++) {
      x[2 * r] = (float) random.nextDouble(-3, 3);
      x[2 * r + 1] = (float) random.nextDouble(-2, 2);
      truth[r] = x[2 * r] < -1 ? 0 : x[2 * r] < 1 ? 1 : 2;
      predicted[r] = random.nextInt(10) == 0 ? (truth[r] + 1) % 3 : truth[r];
    }
    int cells = 40;
    int[] classes = new int[cells * cells];
    for (int j = 0; j < cells; j++) {
      for (int i = 0; i < cells; i++) {
        double px = -3.3 + (i + 0.5) * 6.6 / cells;
        classes[j * cells + i] = px < -1 ? 0 : px < 1 ? 1 : 2;
      }
    }
    long[][] confusion = {{180, 12, 3}, {9, 170, 11}, {2, 8, 205}};
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("layers", "2,16,3");
    settings.put("optimizer", "adam");
    return new ReportData("made-up <classifier>", true, 3, history(12, true),
        rates(12), 9, "early_stopping", List.of("left", "middle", "right"), "test", confusion,
        new RowSample(n, x, truth, predicted),
        new DecisionPlane(-3.3, 3.3, -2.2, 2.2, cells, classes),
        List.of(new UpdateSplit("first100", 1, 100, 9.5, 4.0, 5.5),
            new UpdateSplit("all", 1, 120, 7.0, 3.5, 3.5)),
        settings, "layer 1: 2 -> 16 relu\nlayer 2: 16 -> 3 softmax", Map.of("epochs", "12"));
  }

  /** A one-output regression's report (no plane, no confusion). */
  static ReportData regression() {
    int n = 500;
    SplittableRandom random = new SplittableRandom(3);
    float[] truth = new float[n];
    float[] predicted = new float[n];
    for (int r = 0; r < n; r++) {
      truth[r] = (float) random.nextDouble(-1, 1);
      predicted[r] = truth[r] + (float) (0.1 * random.nextGaussian());
    }
    return new ReportData("made-up regression", false, 1, history(8, false), rates(8), 0,
        "epochs", List.of(), "test", null, new RowSample(n, new float[0], truth, predicted), null,
        List.of(), Map.of("layers", "1,16,1"), "layer 1: 1 -> 16 tanh", Map.of());
  }

  static double[] rates(int epochs) {
    double[] r = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      r[e] = 0.01 * Math.pow(0.9, e);
    }
    return r;
  }
}
