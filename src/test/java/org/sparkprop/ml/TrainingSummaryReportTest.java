package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.report.ReportPages;

/** The report an Estimator's training summary writes. */
class TrainingSummaryReportTest {

  @Test
  void summaryWritesTheReportOfTheFit(@TempDir Path dir) throws Exception {
    MlTestData.spark();
    NeuralNetClassificationModel model = MlTestData.xorClassifier()
        .setValidationFraction(0.25).fit(MlTestData.xor(400, 5));
    NeuralNetTrainingSummary summary = model.summary();
    Path page = Path.of(summary.writeReport(dir.resolve("report").toString()));
    String html = Files.readString(page);
    assertEquals(List.of("figures", "learning-curves", "confusion-matrix", "decision-regions",
        "time", "settings", "model"), ReportPages.sections(html));
    assertEquals(5, ReportPages.images(html).size());
    assertTrue(html.contains("every validation row"), "confusion counts of the validation rows");
    assertTrue(html.contains("<td>stop_reason</td><td>" + summary.stopReason() + "</td>"));
  }
}
