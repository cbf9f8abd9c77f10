package org.sparkprop.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a run's wall time goes ({@code --profile}): the phases of a run from the JVM's start to
 * the end of {@code main}, each ended by {@link #end}, and the moment every epoch ends, all as
 * seconds since the JVM started. Each phase also gets the CPU time the whole process spent in it
 * (every thread: Spark's, the JIT compiler's, the garbage collector's), a figure that other work
 * on the same cores stretches far less than the wall time. Cheap: one {@link System#nanoTime}
 * and one reading of the process's CPU time per mark; the JVM's start time is only asked for
 * when the profile is printed. The JVM's exit after {@code main} is not seen here (a caller
 * timing the process sees it).
 */
final class PhaseClock {

  /**
   * One phase: its name and its end, in nanoseconds since {@code main} started, and the
   * process's CPU time at its end (nanoseconds since the JVM started; -1 when unknown).
   */
  record Phase(String name, long endNanos, long cpuNanos) {}

  /** One epoch's end, in nanoseconds since {@code main} started, and the CPU time then. */
  record EpochMark(int epoch, long endNanos, long cpuNanos) {}

  private final boolean on;
  private final long mainMillis = System.currentTimeMillis();
  private final long mainNanos = System.nanoTime();
  private final long mainCpuNanos;
  private final List<Phase> phases = new ArrayList<>();
  private final List<EpochMark> epochs = new ArrayList<>();
  /** When the epochs' clock started ({@link System#nanoTime}), or Long.MIN_VALUE: not known. */
  private long epochsFrom = Long.MIN_VALUE;

  private PhaseClock(boolean on) {
    this.on = on;
    this.mainCpuNanos = on ? cpuNanos() : -1;
  }

  /** The CPU time of the whole process so far in nanoseconds, or -1 when the JVM cannot say. */
  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** A clock started now, at the start of {@code main}; {@code on} false records nothing. */
  static PhaseClock startedInMain(boolean on) {
    return new PhaseClock(on);
  }

  /** A clock that records nothing. */
  static PhaseClock off() {
    return new PhaseClock(false);
  }

  boolean on() {
    return on;
  }

  /** The phase {@code name} ends now (it began where the previous one ended). */
  void end(String name) {
    if (on) {
      phases.add(new Phase(name, System.nanoTime() - mainNanos, cpuNanos()));
    }
  }

  /**
   * The phase {@code name} ended with the last epoch marked (nothing when no epoch was, or when
   * a phase already ends later).
   */
  void endAtLastEpoch(String name) {
    if (on && !epochs.isEmpty()) {
      EpochMark last = epochs.get(epochs.size() - 1);
      long end = last.endNanos();
      if (phases.isEmpty() || phases.get(phases.size() - 1).endNanos() <= end) {
        phases.add(new Phase(name, end, last.cpuNanos()));
      }
    }
  }

  /**
   * The epochs' clock starts at {@code startNanos} ({@link System#nanoTime}): see
   * {@link #epoch(int, double)}.
   */
  void epochsFrom(long startNanos) {
    epochsFrom = startNanos;
  }

  /**
   * Epoch {@code epoch} (from 1) ended {@code elapsedSeconds} after the epochs' clock started
   * ({@link #epochsFrom}; now when it is not known), heard of now: the epochs of a barrier stage
   * over several are heard of together when it ends, but each ended when its last total was
   * ready. The process's CPU time is read now.
   */
  void epoch(int epoch, double elapsedSeconds) {
    if (on) {
      long now = System.nanoTime();
      long end = epochsFrom == Long.MIN_VALUE ? now
          : Math.min(now, epochsFrom + Math.round(elapsedSeconds * 1e9));
      if (!epochs.isEmpty()) {
        end = Math.max(end, epochs.get(epochs.size() - 1).endNanos() + mainNanos);
      }
      epochs.add(new EpochMark(epoch, end - mainNanos, cpuNanos()));
    }
  }

  /**
   * Prints one line per phase (its seconds, its end since the JVM started, the process's CPU
   * seconds in it), then one line {@code sparkprop: profile.json {...}} with the same figures and
   * the end of every epoch, for scripts ({@code cpu_seconds} is null when the JVM cannot tell
   * its CPU time). Nothing when off.
   */
  void print(PrintStream out) {
    if (!on) {
      return;
    }
    long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    double toMain = (mainMillis - jvmStartMillis) / 1e3;
    out.println("sparkprop: profile (seconds; 'at' counts from the JVM's start; 'cpu': the"
        + " process's CPU seconds, all threads)");
    out.printf(Locale.ROOT, "  %-32s %8.3f   at %8.3f   cpu %s%n", "jvm start to main", toMain,
        toMain, cpuText(mainCpuNanos, 0));
    StringBuilder json = new StringBuilder();
    json.append(String.format(Locale.ROOT, "{\"jvm_start_epoch_ms\": %d, \"main_at\": %.3f,"
        + " \"main_cpu_seconds\": %s, \"phases\": [", jvmStartMillis, toMain,
        cpuJson(mainCpuNanos, 0)));
    long previous = 0;
    long previousCpu = mainCpuNanos;
    for (int i = 0; i < phases.size(); i++) {
      Phase p = phases.get(i);
      double seconds = (p.endNanos() - previous) / 1e9;
      double at = toMain + p.endNanos() / 1e9;
      out.printf(Locale.ROOT, "  %-32s %8.3f   at %8.3f   cpu %s%n", p.name(), seconds, at,
          cpuText(p.cpuNanos(), previousCpu));
      json.append(String.format(Locale.ROOT, "%s{\"name\": \"%s\", \"seconds\": %.3f,"
          + " \"end_at\": %.3f, \"cpu_seconds\": %s}", i == 0 ? "" : ", ", p.name(), seconds,
          at, cpuJson(p.cpuNanos(), previousCpu)));
      previous = p.endNanos();
      previousCpu = p.cpuNanos();
    }
    json.append("], \"epoch_end_at\": {");
    for (int i = 0; i < epochs.size(); i++) {
      json.append(String.format(Locale.ROOT, "%s\"%d\": %.6f", i == 0 ? "" : ", ",
          epochs.get(i).epoch(), toMain + epochs.get(i).endNanos() / 1e9));
    }
    json.append("}}");
    out.println("sparkprop: profile.json " + json);
  }

  /** CPU seconds from {@code from} to {@code to} (nanoseconds), or "?" when either is unknown. */
  private static String cpuText(long to, long from) {
    return to < 0 || from < 0 ? "?" : String.format(Locale.ROOT, "%7.3f", (to - from) / 1e9);
  }

  /** As {@link #cpuText}, as JSON: a number or null. */
  private static String cpuJson(long to, long from) {
    return to < 0 || from < 0 ? "null" : String.format(Locale.ROOT, "%.3f", (to - from) / 1e9);
  }
}
