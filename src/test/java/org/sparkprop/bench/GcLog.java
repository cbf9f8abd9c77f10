package org.sparkprop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a JVM's unified GC log ({@code -Xlog:gc} or {@code -Xlog:gc*}): one
 * {@link Pause} per line such as
 * {@code [12.3s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 69M->34M(94M) 3.1ms},
 * i.e. the heap in use before and after the pause and the heap committed then. Other lines are
 * skipped.
 *
 * <p>The peak of the used-after-GC figures is the measure of what a JVM holds: after a pause the
 * heap holds the live objects plus what that kind of pause leaves (a young pause leaves the old
 * generation's garbage), so it bounds the live set from above without depending on how large the
 * collector lets the young generation grow. The peak before GC depends on that sizing (and on
 * -Xmx), not on what the program keeps.
 */
public final class GcLog {

  /** One pause: seconds since the JVM started, bytes used before and after, bytes committed. */
  public record Pause(double seconds, String kind, long before, long after, long committed) {}

  private static final Pattern PAUSE = Pattern.compile(
      "^\\[([0-9.]+)s\\].*\\bGC\\(\\d+\\) (Pause .*?) (\\d+)([KMG])->(\\d+)([KMG])"
          + "\\((\\d+)([KMG])\\)");

  private GcLog() {}

  /** The pauses of the log's lines, in order. */
  public static List<Pause> parse(List<String> lines) {
    List<Pause> pauses = new ArrayList<>();
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        pauses.add(new Pause(Double.parseDouble(m.group(1)), m.group(2).trim(),
            bytes(m.group(3), m.group(4)), bytes(m.group(5), m.group(6)),
            bytes(m.group(7), m.group(8))));
      }
    }
    return pauses;
  }

  /** The pauses of the log file {@code file}. */
  public static List<Pause> read(Path file) throws IOException {
    return parse(Files.readAllLines(file));
  }

  /** The largest heap in use after a pause, in bytes (0 without pauses). */
  public static long peakAfter(List<Pause> pauses) {
    return pauses.stream().mapToLong(Pause::after).max().orElse(0);
  }

  /** The largest heap in use before a pause, in bytes (0 without pauses). */
  public static long peakBefore(List<Pause> pauses) {
    return pauses.stream().mapToLong(Pause::before).max().orElse(0);
  }

  /** The largest heap committed at a pause, in bytes (0 without pauses). */
  public static long peakCommitted(List<Pause> pauses) {
    return pauses.stream().mapToLong(Pause::committed).max().orElse(0);
  }

  private static long bytes(String value, String unit) {
    long v = Long.parseLong(value);
    return switch (unit) {
      case "K" -> v << 10;
      case "M" -> v << 20;
      default -> v << 30;
    };
  }
}
