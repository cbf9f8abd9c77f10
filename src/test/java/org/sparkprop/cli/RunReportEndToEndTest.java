package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Synthetic;
import org.sparkprop.report.ReportPages;
import org.sparkprop.report.RunReport;
import org.sparkprop.spark.LocalSpark;

/**
 * The report a command-line run writes: its sections and images, its learning curves equal to
 * metrics.jsonl, its confusion counts equal to those {@code evaluate} computes for the same model
 * and test rows, and its row sample of at most a fixed size.
 */
class RunReportEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void classifierRunWritesAReportThatAgreesWithItsOutputs(@TempDir Path dir) throws Exception {
    LocalSpark.context();
    Path train = csv(dir.resolve("train.csv"), Synthetic.spirals(1200, 0.1, 3));
    Path test = csv(dir.resolve("test.csv"), Synthetic.spirals(2600, 0.1, 4));
    String[] data = {"--set", "data.format=csv", "--set", "data.test=" + test};
    Path run = dir.resolve("run");
    MainOutcome o = MainOutcome.run(concat(new String[] {"--set", "data.train=" + train,
        "--set", "epochs=6", "--set", "validationFraction=0.2",
        "--set", "data.classNames=inner arm, outer arm", "--out", run.toString()}, data));
    assertEquals(0, o.status(), o.err());

    String html = Files.readString(run.resolve(RunReport.FILE));
    assertEquals(List.of("figures", "learning-curves", "confusion-matrix", "decision-regions",
        "time", "settings", "model"), ReportPages.sections(html));
    // loss, accuracy, confusion, decision regions, throughput
    assertEquals(5, ReportPages.images(html).size());
    assertTrue(html.contains("<td>outer arm</td>"), "class names from data.classNames");

    JsonNode report = JSON.readTree(run.resolve(RunReport.DATA_FILE).toFile());
    List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertEquals(6, metrics.size());
    for (int e = 0; e < metrics.size(); e++) {
      assertEquals(JSON.readTree(metrics.get(e)), report.path("history").get(e),
          "epoch " + (e + 1) + " of the curves is that of metrics.jsonl");
    }
    assertTrue(report.path("history").get(0).has("validation_loss"));

    // The sample is drawn on the executors and cut at its fixed size: 2000 of 2600 test rows.
    assertEquals("test", report.path("evaluated_on").asText());
    assertEquals(2000, report.path("sample").path("rows").asInt());
    assertEquals(4000, report.path("sample").path("x").size());

    Path evaluation = dir.resolve("eval.json");
    MainOutcome e = MainOutcome.run(concat(new String[] {"evaluate",
        run.resolve("model").toString(), "--out", evaluation.toString()}, data));
    assertEquals(0, e.status(), e.err());
    JsonNode evaluated = JSON.readTree(evaluation.toFile());
    assertEquals(2600, evaluated.path("rows").asInt());
    assertEquals(evaluated.path("confusion_matrix"), report.path("confusion"),
        "the report's confusion counts are evaluate's");
  }

  @Test
  void regressionRunDrawsPredictionsAndResiduals(@TempDir Path dir) throws Exception {
    LocalSpark.context();
    Path run = dir.resolve("run");
    MainOutcome o = MainOutcome.run("--set", "data.train=sine", "--set", "layers=1,16,1",
        "--set", "activation=tanh", "--set", "output=linear", "--set", "epochs=5",
        "--set", "stepSize=0.05", "--out", run.toString());
    assertEquals(0, o.status(), o.err());
    String html = Files.readString(run.resolve(RunReport.FILE));
    assertEquals(List.of("figures", "learning-curves", "regression", "time", "settings",
        "model"), ReportPages.sections(html));
    assertEquals(5, ReportPages.images(html).size());
    JsonNode report = JSON.readTree(run.resolve(RunReport.DATA_FILE).toFile());
    JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
    assertEquals(summary.path("test_rows").asInt(), report.path("sample").path("rows").asInt(),
        "fewer test rows than the sample's size: all of them");
  }

  private static Path csv(Path file, RawData d) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int r = 0; r < d.rows(); r++) {
      lines.add(String.format(Locale.ROOT, "%d,%s,%s", (int) d.labels()[r],
          Float.toString(d.features()[r * d.columns()]),
          Float.toString(d.features()[r * d.columns() + 1])));
    }
    return Files.write(file, lines);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
