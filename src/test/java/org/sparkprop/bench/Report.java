package org.sparkprop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** bench.json clean-up and the Markdown table of bench.md. */
final class Report {

  private Report() {}

  /** NaN and infinities become null (JSON has no NaN); int[] become lists. */
  static Object sanitize(Object o) {
    if (o instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? null : d;
    }
    if (o instanceof int[] a) {
      List<Object> l = new ArrayList<>();
      for (int v : a) {
        l.add(v);
      }
      return l;
    }
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> r = new LinkedHashMap<>();
      m.forEach((k, v) -> r.put(String.valueOf(k), sanitize(v)));
      return r;
    }
    if (o instanceof List<?> l) {
      List<Object> r = new ArrayList<>();
      for (Object v : l) {
        r.add(sanitize(v));
      }
      return r;
    }
    return o;
  }

  private static double num(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }

  static String markdown(Map<String, Object> root) {
    StringBuilder md = new StringBuilder();
    Map<String, Object> env = FashionBench.asMap(root.get("environment"));
    md.append("# sparkprop vs. Spark MLlib on Fashion-MNIST\n\n");
    md.append(String.format(Locale.ROOT,
        "%s; %s cores (%s); BLAS %s (%s, OPENBLAS_NUM_THREADS=%s); Spark %s, `%s`%s.%n%n",
        env.get("jdk"), env.get("cores"), env.getOrDefault("cpu", "?"), env.get("blas"),
        env.getOrDefault("libblas", "?"), env.get("OPENBLAS_NUM_THREADS"),
        env.get("spark_version"), env.get("master"),
        Boolean.TRUE.equals(root.get("quick")) ? "; **--quick smoke run, not a measurement**" : ""));
    md.append(String.format(Locale.ROOT, "Load average (1, 5, 15 min) at start %s, at end %s"
        + " (a shared 2-core machine: anything above 0 slows the measurements).%n%n",
        env.get("load_average_at_start"), env.get("load_average_at_end")));

    Map<String, Object> sgemm = FashionBench.asMap(root.get("sgemm"));
    if (sgemm != null && sgemm.get("results") != null) {
      md.append("float32 sgemm measured in the same JVM (best repetition):\n\n");
      md.append("| shape m×k·k×n | 1 thread GFLOP/s | 2 threads (one sgemm per core) GFLOP/s |\n|---|---|---|\n");
      List<?> results = (List<?>) sgemm.get("results");
      Map<String, double[]> byShape = new LinkedHashMap<>();
      for (Object o : results) {
        Map<String, Object> r = FashionBench.asMap(o);
        String shape = r.get("m") + "×" + r.get("k") + "·" + r.get("k") + "×" + r.get("n");
        byShape.computeIfAbsent(shape, s -> new double[2])[(Integer) r.get("threads") - 1] =
            (Double) r.get("gflops");
      }
      byShape.forEach((shape, g) -> md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n",
          shape, g[0], g[1])));
      if (sgemm.get("peak_gflops_2core_at_end") != null) {
        md.append(String.format(Locale.ROOT, "%n1024³ on 2 threads again at the end: %.1f GFLOP/s."
            + " Peak used below (the better of the two): %.1f GFLOP/s.%n",
            (Double) sgemm.get("peak_gflops_2core_at_end"),
            (Double) sgemm.get("peak_gflops_reference")));
      }
      md.append('\n');
    }

    Double overhead = (Double) root.get("overhead_ms_per_iteration");
    md.append("| system | model | settings | s/epoch (sparkprop) or s/iteration (MLlib) | samples/s"
        + " | training GFLOP/s | ÷ sgemm peak | Spark overhead ms/update | cached ÷ raw float32"
        + " | time to 85% | time to 88% | final test accuracy |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, Object> models = FashionBench.asMap(root.get("models"));
    for (Map.Entry<String, Object> e : models.entrySet()) {
      Map<String, Object> sp = FashionBench.asMap(FashionBench.asMap(e.getValue()).get("sparkprop"));
      if (sp == null) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "| sparkprop (%s) | %s | %s | %.2f | %,.0f | %.1f | %s | %s | %s | %s | %s | %.4f |%n",
          path(sp.get("sync")), e.getKey(), describe(sp), (Double) sp.get("seconds_per_epoch_steady"),
          (Double) sp.get("samples_per_second"), (Double) sp.get("training_flops") / 1e9,
          pct((Double) sp.get("flops_ratio_to_peak")),
          num("step".equals(sp.get("sync")) ? overhead : null, "%.1f"),
          num((Double) FashionBench.asMap(sp.get("cache")).get("ratio"), "%.3f"),
          reached((Double) sp.get("seconds_to_85"), sp.get("epochs_to_85"), "epochs", sp),
          reached((Double) sp.get("seconds_to_88"), sp.get("epochs_to_88"), "epochs", sp),
          (Double) sp.get("test_accuracy")));
      for (String sync : List.of("auto", "step")) {
        for (int batch : FashionBench.THROUGHPUT_BATCHES) {
          Map<String, Object> t = FashionBench.asMap(
              sp.get(FashionBench.throughputKey(sync, batch)));
          if (t != null) {
            md.append(String.format(Locale.ROOT, "| sparkprop (throughput only, %s) | %s | adam, batch %s | %.2f | %,.0f | %.1f | %s | | | | | |%n",
                path(t.get("sync")), e.getKey(), t.get("batch_size"),
                (Double) t.get("seconds_per_epoch_steady"), (Double) t.get("samples_per_second"),
                (Double) t.get("training_flops") / 1e9, pct((Double) t.get("flops_ratio_to_peak"))));
          }
        }
      }
    }
    for (Map.Entry<String, Object> e : models.entrySet()) {
      Map<String, Object> ml = FashionBench.asMap(FashionBench.asMap(e.getValue()).get("mllib"));
      if (ml == null) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "| MLlib MLP | %s | l-bfgs, blockSize 128, ≤ %s iterations | %.2f | %,.0f | %.1f | %s | — | %s | %s | %s | %.4f |%n",
          e.getKey(), ml.get("budget_iterations"), (Double) ml.get("seconds_per_iteration"),
          (Double) ml.get("samples_per_second"), (Double) ml.get("training_flops") / 1e9,
          pct((Double) ml.get("flops_ratio_to_peak")),
          num((Double) FashionBench.asMap(ml.get("cache")).get("ratio"), "%.3f"),
          reachedMllib((Double) ml.get("seconds_to_85"), ml.get("iterations_to_85"), ml),
          reachedMllib((Double) ml.get("seconds_to_88"), ml.get("iterations_to_88"), ml),
          (Double) ml.get("test_accuracy")));
    }
    md.append("\nTraining FLOP = 6 × parameters × samples (forward 2, backward 4 per weight and"
        + " sample); sparkprop s/epoch is the median epoch after the first, test evaluation"
        + " excluded; MLlib FLOP/s counts one pass per L-BFGS iteration (a lower bound). Times to"
        + " a target are training seconds (sparkprop: end of the first epoch at or above it;"
        + " MLlib: the fit time of the smallest maxIter checkpoint at or above it, checkpoints "
        + listText(root.get("mllib_iterations")) + ").\n\n");

    md.append(targets(root));

    Map<String, Object> ov = FashionBench.asMap(root.get("overhead"));
    if (ov != null) {
      md.append("\nSpark overhead per update (784-256-128-10, one row per partition, mean of "
          + ov.get("timed_calls") + " calls after " + ov.get("warmup_calls") + "):\n\n");
      md.append("| partitions | treeDepth | gradient() call ms (mean / median) | in-memory compute ms | overhead ms |\n|---|---|---|---|---|\n");
      for (Object o : (List<?>) ov.get("grid")) {
        Map<String, Object> r = FashionBench.asMap(o);
        Map<String, Object> s = FashionBench.asMap(r.get("spark_call"));
        Map<String, Object> l = FashionBench.asMap(r.get("in_memory_call"));
        md.append(String.format(Locale.ROOT, "| %s | %s | %.2f / %.2f | %.2f | %.2f |%n",
            r.get("partitions"), r.get("tree_depth"), (Double) s.get("mean_ms"),
            (Double) s.get("median_ms"), (Double) l.get("mean_ms"), (Double) r.get("overhead_ms")));
      }
      Map<String, Object> b = FashionBench.asMap(ov.get("breakdown"));
      if (b != null) {
        md.append("\nWhere it goes (" + b.get("partitions") + " partitions, treeDepth "
            + b.get("tree_depth") + ", Θ = " + b.get("theta_bytes") + " bytes):\n\n");
        md.append("| step | mean ms | median ms |\n|---|---|---|\n");
        for (Map.Entry<String, Object> e : b.entrySet()) {
          if (e.getValue() instanceof Map<?, ?>) {
            Map<String, Object> s = FashionBench.asMap(e.getValue());
            md.append(String.format(Locale.ROOT, "| %s: %s | %.3f | %.3f |%n", e.getKey(),
                s.get("what"), (Double) s.get("mean_ms"), (Double) s.get("median_ms")));
          }
        }
      }
    }
    Map<String, Object> costs = FashionBench.asMap(root.get("update_costs"));
    if (costs != null) {
      md.append(String.format(Locale.ROOT, "%nSpark's cost per update from a fresh JVM on"
          + " (UpdateCosts: %s at batch %s, %s, %s updates; Spark = wall − the longest task's"
          + " compute, measured inside the task; Spark's task figures are the longest task's):"
          + "%n%n", costs.get("layers"), costs.get("batch"), costs.get("master"),
          costs.get("updates")));
      md.append("| updates | wall ms | compute ms | Spark ms | Spark median ms | job ms"
          + " | task deserialize ms | scheduler delay ms | result bytes |\n"
          + "|---|---|---|---|---|---|---|---|---|\n");
      for (Object o : (List<?>) costs.get("windows")) {
        Map<String, Object> w = FashionBench.asMap(o);
        md.append(String.format(Locale.ROOT, "| %s–%s | %.2f | %.2f | %.2f | %.2f | %s | %s"
                + " | %s | %s |%n", w.get("from"), w.get("to"), num(w.get("wall_ms")),
            num(w.get("compute_ms")), num(w.get("spark_ms")), num(w.get("spark_median_ms")),
            w.get("job_ms"), w.get("deserialize_ms"), w.get("scheduler_delay_ms"),
            w.get("result_bytes")));
      }
    }
    md.append(String.format(Locale.ROOT, "%nWhole benchmark: %.0f s.%n",
        ((Number) root.getOrDefault("wall_seconds", 0.0)).doubleValue()));
    return md.toString();
  }

  private static String targets(Map<String, Object> root) {
    StringBuilder md = new StringBuilder("| target | measured | met |\n|---|---|---|\n");
    md.append(speedupRow(root.get("headline_model"), (Double) root.get("sparkprop_seconds_to_88"),
        (Double) root.get("mllib_seconds_to_88"), (Double) root.get("mllib_budget_seconds")));
    // The other models, where both systems ran.
    Map<String, Object> models = FashionBench.asMap(root.get("models"));
    if (models != null) {
      for (Map.Entry<String, Object> e : models.entrySet()) {
        Map<String, Object> both = FashionBench.asMap(e.getValue());
        Map<String, Object> sp = FashionBench.asMap(both.get("sparkprop"));
        Map<String, Object> ml = FashionBench.asMap(both.get("mllib"));
        if (!e.getKey().equals(root.get("headline_model")) && sp != null && ml != null) {
          md.append(speedupRow(e.getKey(), (Double) sp.get("seconds_to_88"),
              (Double) ml.get("seconds_to_88"), (Double) ml.get("budget_seconds")));
        }
      }
    }
    Double eff = (Double) root.get("flops_efficiency");
    StringBuilder curve = new StringBuilder();
    appendByBatch(curve, "", root.get("flops_efficiency_by_batch"));
    appendByBatch(curve, "; counting the arithmetic actually done, ",
        root.get("gemm_work_efficiency_by_batch"));
    appendByBatch(curve, "; fastest epoch instead of the median, ",
        root.get("flops_efficiency_fastest_epoch_by_batch"));
    appendByBatch(curve, "; one Spark job per update (sync=step), ",
        root.get("flops_efficiency_one_job_per_update_by_batch"));
    Object smallest = root.get("smallest_batch_at_60_percent");
    md.append("| training FLOP/s at batch ≥ 1024 ≥ 60% of the sgemm peak | "
        + (eff == null ? "—" : curve + String.format(Locale.ROOT, " (of %.1f GFLOP/s)",
            (Double) root.get("peak_gflops_2core")))
        + " | " + (eff == null ? "—" : flopsVerdict(eff, smallest)) + " |\n");
    // The other models' throughput runs against the same target.
    if (models != null) {
      for (Map.Entry<String, Object> e : models.entrySet()) {
        Map<String, Object> sp = FashionBench.asMap(FashionBench.asMap(e.getValue()).get("sparkprop"));
        if (e.getKey().equals(root.get("headline_model")) || sp == null) {
          continue;
        }
        Map<String, Object> ratios = FashionBench.byBatch(sp, "flops_ratio_to_peak");
        if (!ratios.isEmpty()) {
          StringBuilder line = new StringBuilder();
          appendByBatch(line, "", ratios);
          Double at1024 = (Double) ratios.get("1024");
          md.append("| the same for " + e.getKey() + " | " + line + " | "
              + (at1024 == null ? "—" : flopsVerdict(at1024, FashionBench.smallestAt60(ratios)))
              + " |\n");
        }
      }
    }
    Double ov = (Double) root.get("overhead_ms_per_iteration");
    md.append("| Spark overhead < 10 ms per update | " + num(ov, "%.2f ms") + " | "
        + (ov == null ? "—" : ov < 10 ? "yes" : "no") + " |\n");
    Double cache = (Double) root.get("cache_ratio");
    md.append("| cached data ≤ 1.2 × raw float32 | " + num(cache, "%.3f ×") + " | "
        + (cache == null ? "—" : cache <= 1.2 ? "yes" : "no") + " |\n");
    return md.toString();
  }

  /**
   * The row of the time-to-88% target for one model: a ratio when both reached 88%, a lower bound
   * when only sparkprop did (MLlib's whole fitting budget against sparkprop's time).
   */
  private static String speedupRow(Object layers, Double sp88, Double ml88, Double budget) {
    String time;
    String met;
    if (sp88 == null) {
      time = "sparkprop did not reach 88%";
      met = "no";
    } else if (ml88 != null) {
      time = String.format(Locale.ROOT, "%.1f s vs. %.1f s = 1/%.1f", sp88, ml88, ml88 / sp88);
      met = sp88 <= ml88 / 10 ? "yes" : "no";
    } else if (budget != null) {
      time = String.format(Locale.ROOT, "%.1f s vs. MLlib not reaching 88%% in %.1f s: at least 1/%.1f",
          sp88, budget, budget / sp88);
      met = sp88 <= budget / 10 ? "yes (lower bound)" : "unknown (MLlib budget too short)";
    } else {
      time = String.format(Locale.ROOT, "%.1f s (MLlib not run)", sp88);
      met = "—";
    }
    return "| " + layers + " reaches 88% test accuracy in ≤ 1/10 of MLlib's time | " + time + " | "
        + met + " |\n";
  }

  /** Whether the FLOP target holds, from the ratio at batch 1024 and the smallest batch at 60%. */
  private static String flopsVerdict(double at1024, Object smallestAt60) {
    return at1024 >= 0.6 ? "yes, from batch 1024"
        : smallestAt60 == null ? "no, at no batch size measured"
        : "at batch ≥ " + smallestAt60 + " only; not at 1024";
  }

  /** Appends "label" and "R% at B, ..." for a map from batch size to ratio (nothing if empty). */
  private static void appendByBatch(StringBuilder to, String label, Object ratios) {
    Map<String, Object> byBatch = FashionBench.asMap(ratios);
    if (byBatch == null || byBatch.isEmpty()) {
      return;
    }
    to.append(label);
    String separator = "";
    for (Map.Entry<String, Object> e : byBatch.entrySet()) {
      to.append(separator).append(pct((Double) e.getValue())).append(" at ").append(e.getKey());
      separator = ", ";
    }
  }

  /** How a run's updates went: "barrier stages" or "job per update" (sync=auto or step). */
  private static String path(Object sync) {
    return "barrier".equals(sync) ? "barrier stages" : "step".equals(sync) ? "job per update"
        : String.valueOf(sync);
  }

  private static String describe(Map<String, Object> sp) {
    return sp.get("optimizer") + ", batch " + sp.get("batch_size") + ", "
        + sp.get("epochs") + " epochs";
  }

  private static String reached(Double seconds, Object count, String unit, Map<String, Object> sp) {
    if (seconds == null) {
      return "not in " + sp.get("epochs") + " " + unit;
    }
    return String.format(Locale.ROOT, "%.1f s (%s %s)", seconds, count, unit);
  }

  private static String reachedMllib(Double seconds, Object iterations, Map<String, Object> ml) {
    if (seconds == null) {
      return String.format(Locale.ROOT, "not in %.0f s (%s it.)", (Double) ml.get("budget_seconds"),
          ml.get("budget_iterations"));
    }
    return String.format(Locale.ROOT, "%.1f s (%s it.)", seconds, iterations);
  }

  private static String pct(Double ratio) {
    return ratio == null || ratio.isNaN() ? "—" : String.format(Locale.ROOT, "%.0f%%", 100 * ratio);
  }

  private static String num(Double v, String format) {
    return v == null || v.isNaN() ? "—" : String.format(Locale.ROOT, format, v);
  }

  private static String listText(Object o) {
    if (o instanceof int[] a) {
      return java.util.Arrays.toString(a);
    }
    if (o instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder();
      m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append(": ")
          .append(listText(v)));
      return sb.toString();
    }
    return String.valueOf(o);
  }
}
