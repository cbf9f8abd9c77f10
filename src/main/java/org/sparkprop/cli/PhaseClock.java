package org.sparkprop.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a run's wall time goes ({@code --profile}): the phases of a run from the JVM's start to
 * the end of {@code main}, each ended by {@link #end}, and the moment every epoch ends, all as
 * seconds since the JVM started. Cheap: one {@link System#nanoTime} per mark; the JVM's start
 * time is only asked for when the profile is printed. The JVM's exit after {@code main} is not
 * seen here (a caller timing the process sees it).
 */
final class PhaseClock {

  /** One phase: its name and its end, in nanoseconds since {@code main} started. */
  record Phase(String name, long endNanos) {}

  /** One epoch's end, in nanoseconds since {@code main} started. */
  record EpochMark(int epoch, long endNanos) {}

  private final boolean on;
  private final long mainMillis = System.currentTimeMillis();
  private final long mainNanos = System.nanoTime();
  private final List<Phase> phases = new ArrayList<>();
  private final List<EpochMark> epochs = new ArrayList<>();

  private PhaseClock(boolean on) {
    this.on = on;
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
      phases.add(new Phase(name, System.nanoTime() - mainNanos));
    }
  }

  /**
   * The phase {@code name} ended with the last epoch marked (nothing when no epoch was, or when
   * a phase already ends later).
   */
  void endAtLastEpoch(String name) {
    if (on && !epochs.isEmpty()) {
      long end = epochs.get(epochs.size() - 1).endNanos();
      if (phases.isEmpty() || phases.get(phases.size() - 1).endNanos() <= end) {
        phases.add(new Phase(name, end));
      }
    }
  }

  /** Epoch {@code epoch} (from 1) ended now. */
  void epoch(int epoch) {
    if (on) {
      epochs.add(new EpochMark(epoch, System.nanoTime() - mainNanos));
    }
  }

  /**
   * Prints one line per phase (its seconds, and its end since the JVM started), then one line
   * {@code sparkprop: profile.json {...}} with the same figures and the end of every epoch, for
   * scripts. Nothing when off.
   */
  void print(PrintStream out) {
    if (!on) {
      return;
    }
    long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    double toMain = (mainMillis - jvmStartMillis) / 1e3;
    out.println("sparkprop: profile (seconds; 'at' counts from the JVM's start)");
    out.printf(Locale.ROOT, "  %-32s %8.3f   at %8.3f%n", "jvm start to main", toMain, toMain);
    StringBuilder json = new StringBuilder();
    json.append(String.format(Locale.ROOT, "{\"jvm_start_epoch_ms\": %d, \"main_at\": %.3f,"
        + " \"phases\": [", jvmStartMillis, toMain));
    long previous = 0;
    for (int i = 0; i < phases.size(); i++) {
      Phase p = phases.get(i);
      double seconds = (p.endNanos() - previous) / 1e9;
      double at = toMain + p.endNanos() / 1e9;
      out.printf(Locale.ROOT, "  %-32s %8.3f   at %8.3f%n", p.name(), seconds, at);
      json.append(String.format(Locale.ROOT, "%s{\"name\": \"%s\", \"seconds\": %.3f,"
          + " \"end_at\": %.3f}", i == 0 ? "" : ", ", p.name(), seconds, at));
      previous = p.endNanos();
    }
    json.append("], \"epoch_end_at\": {");
    for (int i = 0; i < epochs.size(); i++) {
      json.append(String.format(Locale.ROOT, "%s\"%d\": %.3f", i == 0 ? "" : ", ",
          epochs.get(i).epoch(), toMain + epochs.get(i).endNanos() / 1e9));
    }
    json.append("}}");
    out.println("sparkprop: profile.json " + json);
  }
}
