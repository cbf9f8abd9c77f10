package org.sparkprop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code scripts/driver-memory}: for each run NAME in DIR (the driver's GC log
 * {@code NAME/driver-gc.log} and the run's {@code NAME/run/summary.json}), the driver's heap
 * figures from the GC log ({@link GcLog}) beside the size of the data, written as JSON and
 * Markdown: {@code DriverMemory DIR JSON MD COMMAND DRIVER_MEMORY UPTIME_START UPTIME_END NAME...}.
 */
public final class DriverMemory {

  private static final double MIB = 1 << 20;

  private DriverMemory() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", args[3]);
    root.put("driver_memory", args[4]);
    root.put("uptime_at_start", args[5]);
    root.put("uptime_at_end", args[6]);
    root.put("method", "the driver JVM's unified GC log (-Xlog:gc*); the peak of the heap in use"
        + " after a GC pause bounds what the driver keeps (live objects plus the garbage a young"
        + " pause leaves in the old generation); the peak before a pause follows how far the"
        + " collector lets the young generation grow, not what the driver keeps");
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("jdk", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"));
    env.put("cores", Runtime.getRuntime().availableProcessors());
    env.put("spark_version", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    env.put("note", "a shared 2-core machine: other builds ran beside the measurements");
    root.put("environment", env);
    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> runs = new ArrayList<>();
    for (int i = 7; i < args.length; i++) {
      String name = args[i];
      JsonNode summary = json.readTree(dir.resolve(name).resolve("run/summary.json").toFile());
      List<GcLog.Pause> pauses = GcLog.read(dir.resolve(name).resolve("driver-gc.log"));
      Map<String, Object> run = new LinkedHashMap<>();
      long rows = summary.path("train_rows").asLong();
      run.put("name", name);
      run.put("train_rows", rows);
      run.put("test_rows", summary.path("test_rows").asLong());
      run.put("features_float32_mib", rows * GaussianClasses.INPUTS * 4 / MIB);
      run.put("layers", summary.path("settings").path("layers").asText());
      run.put("batch_size", summary.path("settings").path("batchSize").asInt());
      run.put("epochs", summary.path("epochs").asInt());
      run.put("updates", summary.path("updates").asInt());
      run.put("training_seconds", summary.path("seconds").asDouble());
      run.put("test_accuracy", summary.path("test_accuracy").asDouble());
      run.put("gc_pauses", pauses.size());
      run.put("peak_used_after_gc_mib", GcLog.peakAfter(pauses) / MIB);
      run.put("peak_used_before_gc_mib", GcLog.peakBefore(pauses) / MIB);
      run.put("peak_committed_mib", GcLog.peakCommitted(pauses) / MIB);
      run.put("last_used_after_gc_mib",
          pauses.isEmpty() ? 0 : pauses.get(pauses.size() - 1).after() / MIB);
      runs.add(run);
    }
    root.put("runs", runs);
    if (runs.size() >= 2) {
      Map<String, Object> first = runs.get(0);
      Map<String, Object> last = runs.get(runs.size() - 1);
      Map<String, Object> ratio = new LinkedHashMap<>();
      ratio.put("rows", ((Number) last.get("train_rows")).doubleValue()
          / ((Number) first.get("train_rows")).doubleValue());
      ratio.put("peak_used_after_gc", (Double) last.get("peak_used_after_gc_mib")
          / (Double) first.get("peak_used_after_gc_mib"));
      root.put("ratio_last_to_first", ratio);
    }
    json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[1]).toFile(), root);
    String md = markdown(root, runs);
    Files.writeString(Path.of(args[2]), md);
    System.out.print(md);
  }

  static String markdown(Map<String, Object> root, List<Map<String, Object>> runs) {
    StringBuilder md = new StringBuilder();
    md.append("# The driver's heap against the size of the data\n\n");
    md.append(String.format(Locale.ROOT, "`%s` on a standalone cluster on 127.0.0.1 (2 one-core"
        + " workers); driver `-Xmx%s`. Heap figures from %s.%n%n", root.get("command"),
        root.get("driver_memory"), root.get("method")));
    md.append("Taken on a shared 2-core machine. `uptime` at the start: `"
        + root.get("uptime_at_start") + "`; at the end: `" + root.get("uptime_at_end")
        + "`.\n\n");
    md.append("| set | training rows | features (float32) | updates | training s"
        + " | test accuracy | GC pauses | peak used after GC | peak used before GC"
        + " | last used after GC | peak committed |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> r : runs) {
      md.append(String.format(Locale.ROOT,
          "| %s | %,d | %.0f MiB | %d | %.1f | %.4f | %d | %.1f MiB | %.1f MiB | %.1f MiB"
              + " | %.1f MiB |%n",
          r.get("name"), r.get("train_rows"), r.get("features_float32_mib"), r.get("updates"),
          r.get("training_seconds"), r.get("test_accuracy"), r.get("gc_pauses"),
          r.get("peak_used_after_gc_mib"), r.get("peak_used_before_gc_mib"),
          r.get("last_used_after_gc_mib"), r.get("peak_committed_mib")));
    }
    Object ratio = root.get("ratio_last_to_first");
    if (ratio instanceof Map<?, ?> m) {
      md.append(String.format(Locale.ROOT, "%n%.1f× the rows, %.2f× the peak heap used after"
          + " GC.%n", m.get("rows"), m.get("peak_used_after_gc")));
    }
    return md.toString();
  }
}
