package org.sparkprop.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/report RUN_DIR [RUN_DIR...] [--out FILE]}: redraws one run's report.html from
 * the files in its (local) run directory, or overlays the learning curves of several runs in one
 * page (default {@code runs-compared.html} in the working directory). A run directory with
 * report-data.json gets its whole report back; one without (an older run) gets the report its
 * summary.json and metrics.jsonl give: curves, figures and settings.
 */
public final class ReportCommand {

  private ReportCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns 0 when done, 2 on bad arguments or run directories. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<Path> dirs = new ArrayList<>();
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length) {
        file = Path.of(args[++i]);
      } else if (args[i].startsWith("--")) {
        err.println("sparkprop: error: unexpected argument '" + args[i]
            + "'; usage: scripts/report RUN_DIR [RUN_DIR...] [--out FILE]");
        return 2;
      } else {
        dirs.add(Path.of(args[i]));
      }
    }
    if (dirs.isEmpty()) {
      err.println("sparkprop: error: no run directory; usage: scripts/report RUN_DIR"
          + " [RUN_DIR...] [--out FILE]");
      return 2;
    }
    try {
      List<ReportData> runs = new ArrayList<>();
      for (Path d : dirs) {
        runs.add(load(d));
      }
      Path written;
      if (runs.size() == 1) {
        written = file != null ? file : dirs.get(0).resolve(RunReport.FILE);
        Files.writeString(written, RunReport.html(runs.get(0)), StandardCharsets.UTF_8);
      } else {
        written = file != null ? file : Path.of("runs-compared.html");
        Files.writeString(written, OverlayReport.html(runs), StandardCharsets.UTF_8);
      }
      out.println("sparkprop: wrote " + written);
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("sparkprop: error: " + e.getMessage());
      return 2;
    }
  }

  /** The report data of the run directory {@code dir}, titled by its name. */
  public static ReportData load(Path dir) throws IOException {
    Path data = dir.resolve(RunReport.DATA_FILE);
    if (Files.isRegularFile(data)) {
      ReportData d = ReportJson.read(Files.readAllBytes(data));
      return new ReportData(name(dir), d.classifies(), d.outputs(), d.history(),
          d.learningRates(), d.bestEpoch(), d.stopReason(), d.classNames(), d.evaluatedOn(),
          d.confusion(), d.sample(), d.plane(), d.updateSplit(), d.settings(), d.modelSummary(),
          d.figures());
    }
    Path summary = dir.resolve("summary.json");
    Path metrics = dir.resolve("metrics.jsonl");
    if (!Files.isRegularFile(summary) || !Files.isRegularFile(metrics)) {
      throw new IllegalArgumentException(dir + " is not a finished run directory: it has no "
          + RunReport.DATA_FILE + ", or no summary.json and metrics.jsonl");
    }
    return ReportJson.fromRunFiles(name(dir), Files.readAllBytes(summary),
        Files.readAllLines(metrics));
  }

  private static String name(Path dir) {
    Path n = dir.toAbsolutePath().normalize().getFileName();
    return n == null ? dir.toString() : n.toString();
  }
}
