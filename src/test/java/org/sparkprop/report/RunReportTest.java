package org.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.train.MetricSums;

/** The report page of made-up runs: its sections, its images, and the data it draws. */
class RunReportTest {

  @Test
  void classifierPageHasEverySectionAndImage() throws Exception {
    ReportData d = ReportFixtures.classifier();
    String html = RunReport.html(d);
    assertEquals(List.of("figures", "learning-curves", "confusion-matrix", "decision-regions",
        "time", "settings", "model"), ReportPages.sections(html));
    // loss, accuracy, confusion, decision regions, throughput, update split
    assertEquals(6, ReportPages.images(html).size());
    assertTrue(html.contains("made-up &lt;classifier&gt;"), "the title is escaped");
    assertTrue(html.contains("<td>middle</td>"), "class names label the scores");
    assertTrue(html.contains("layer 2: 16 -&gt; 3 softmax"));
    assertSelfContained(html);
  }

  @Test
  void regressionPageShowsPredictionsAndResiduals() throws Exception {
    String html = RunReport.html(ReportFixtures.regression());
    assertEquals(List.of("learning-curves", "regression", "time", "settings", "model"),
        ReportPages.sections(html));
    // loss, RMSE, predicted vs true, residuals, throughput
    assertEquals(5, ReportPages.images(html).size());
    assertTrue(html.contains("measured with --profile"));
    assertSelfContained(html);
  }

  @Test
  void classScoresAreThoseOfTheExecutorsSums() {
    int classes = 4;
    int rows = 500;
    SplittableRandom random = new SplittableRandom(11);
    float[] s = new float[rows * classes];
    float[] t = new float[rows * classes];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < classes; k++) {
        s[r * classes + k] = (float) random.nextDouble();
      }
      t[r * classes + random.nextInt(classes)] = 1;
    }
    MetricSums sums = new MetricSums(classes, true);
    sums.add(s, t, 0, rows, 1.0);
    Map<String, Object> figures = sums.figures();
    long[][] confusion = (long[][]) figures.get("confusion_matrix");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> perClass =
        (Map<String, Map<String, Object>>) figures.get("per_class");
    for (int k = 0; k < classes; k++) {
      ClassScores c = ClassScores.of(confusion, k);
      Map<String, Object> expected = perClass.get(Integer.toString(k));
      assertEquals((double) expected.get("precision"), c.precision(), 0.0);
      assertEquals((double) expected.get("recall"), c.recall(), 0.0);
      assertEquals((double) expected.get("f1"), c.f1(), 0.0);
      assertEquals((long) expected.get("support"), c.support());
    }
  }

  @Test
  void dataRoundTripsThroughJson(@TempDir Path dir) throws Exception {
    ReportData d = ReportFixtures.classifier();
    Path page = RunReport.write(d, dir);
    ReportData back = ReportJson.read(Files.readAllBytes(dir.resolve(RunReport.DATA_FILE)));
    assertEquals(d.history(), back.history());
    assertArrayEquals(d.learningRates(), back.learningRates());
    assertArrayEquals(d.confusion(), back.confusion());
    assertArrayEquals(d.sample().x(), back.sample().x());
    assertArrayEquals(d.sample().truth(), back.sample().truth());
    assertArrayEquals(d.sample().predicted(), back.sample().predicted());
    assertArrayEquals(d.plane().classes(), back.plane().classes());
    assertEquals(d.plane().xMax(), back.plane().xMax());
    assertEquals(d.updateSplit(), back.updateSplit());
    assertEquals(d.settings(), back.settings());
    assertEquals(List.copyOf(d.settings().keySet()), List.copyOf(back.settings().keySet()));
    assertEquals(d.classNames(), back.classNames());
    assertEquals(RunReport.html(d), RunReport.html(back), "the same page from the same data");
    assertEquals(RunReport.html(d), Files.readString(page));
  }

  private static void assertSelfContained(String html) {
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.contains("<link"), "no linked file");
    assertFalse(html.contains("http://") || html.contains("https://"), "no network address");
  }
}
