package org.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.train.EpochStats;

/** scripts/report: one run's report redrawn from its files, several runs overlaid. */
class ReportCommandTest {

  @Test
  void redrawsARunsReportFromItsFiles(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run-a");
    Path page = RunReport.write(ReportFixtures.classifier(), run);
    String before = Files.readString(page);
    Files.delete(page);
    assertEquals(0, command(run.toString()));
    String after = Files.readString(page);
    assertEquals(ReportPages.sections(before), ReportPages.sections(after));
    assertEquals(6, ReportPages.images(after).size());
    assertTrue(after.contains("sparkprop run report: run-a"), "titled by the directory");
  }

  @Test
  void anOlderRunGetsItsCurvesFromMetricsAndSummary(@TempDir Path dir) throws Exception {
    Path run = olderRun(dir.resolve("old"), 0.5);
    assertEquals(0, command(run.toString()));
    String html = Files.readString(run.resolve(RunReport.FILE));
    assertEquals(List.of("figures", "learning-curves", "time", "settings", "model"),
        ReportPages.sections(html));
    assertEquals(3, ReportPages.images(html).size());
    assertTrue(html.contains("<td>optimizer</td><td>adam</td>"));
  }

  @Test
  void overlaysSeveralRuns(@TempDir Path dir) throws Exception {
    Path a = olderRun(dir.resolve("sgd"), 0.8);
    Path b = olderRun(dir.resolve("adam"), 0.4);
    Path c = dir.resolve("momentum");
    RunReport.write(ReportFixtures.classifier(), c);
    Path out = dir.resolve("compared.html");
    assertEquals(0, command(a.toString(), b.toString(), c.toString(), "--out", out.toString()));
    String html = Files.readString(out);
    assertEquals(List.of("learning-curves", "runs"), ReportPages.sections(html));
    // training loss, validation loss, accuracy, validation accuracy, throughput
    assertEquals(5, ReportPages.images(html).size());
    assertTrue(html.contains("<th>sgd</th><th>adam</th><th>momentum</th>"));
  }

  @Test
  void refusesADirectoryThatIsNoRun(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ReportCommand.run(new String[] {dir.toString()}, new PrintStream(
        new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a finished run directory"));
  }

  /** A run directory as an earlier version left it: summary.json and metrics.jsonl only. */
  private static Path olderRun(Path dir, double scale) throws Exception {
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>();
    for (EpochStats s : ReportFixtures.history(5, true)) {
      EpochStats scaled = new EpochStats(s.epoch(), s.iterations(), s.loss() * scale,
          s.accuracy(), s.validationLoss() * scale, s.validationAccuracy(), s.samplesPerSecond(),
          s.elapsedSeconds());
      lines.add(ReportJson.epoch(scaled).toString());
    }
    Files.write(dir.resolve("metrics.jsonl"), lines);
    Files.writeString(dir.resolve("summary.json"), "{\"settings\": {\"layers\": \"2,8,2\","
        + " \"optimizer\": \"adam\"}, \"epochs\": 5, \"stop_reason\": \"epochs\","
        + " \"optimizer\": \"adam\", \"train_accuracy\": 0.9, \"test_accuracy\": 0.875}");
    return dir;
  }

  private static int command(String... args) {
    return ReportCommand.run(args, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()));
  }
}
