package org.sparkprop.train;

import java.util.Locale;

/**
 * How the updates of a mini-batch fit are synchronized across the shards (setting {@code sync}).
 *
 * <ul>
 *   <li>{@code step}: one Spark job per update; the driver adds the shards' sums and steps.</li>
 *   <li>{@code barrier}: one barrier stage runs many updates; every task exchanges its shard's
 *       sum with the others and applies the same step, so Θ is bitwise the one of {@code step}.
 *   </li>
 *   <li>{@code local:K}: local SGD, each shard takes K steps on its own between averages.</li>
 *   <li>{@code auto}: {@code barrier} when the job allows it, else {@code step}.</li>
 * </ul>
 *
 * @param kind the mode
 * @param k the local steps between averages for {@link Kind#LOCAL} (≥ 1), else 0
 */
public record SyncMode(Kind kind, int k) {

  /** The allowed forms, for error messages. */
  public static final String FORMS = "auto, step, barrier or local:K with an integer K >= 1";

  /** The modes. */
  public enum Kind { AUTO, STEP, BARRIER, LOCAL }

  public static final SyncMode AUTO = new SyncMode(Kind.AUTO, 0);
  public static final SyncMode STEP = new SyncMode(Kind.STEP, 0);
  public static final SyncMode BARRIER = new SyncMode(Kind.BARRIER, 0);

  public SyncMode {
    if (kind == null) {
      throw new IllegalArgumentException("SyncMode: kind must not be null");
    }
    if (kind == Kind.LOCAL ? k < 1 : k != 0) {
      throw new IllegalArgumentException("SyncMode: k is " + k + " for " + kind
          + "; it must be >= 1 for LOCAL and 0 otherwise");
    }
  }

  /** Parses {@code auto}, {@code step}, {@code barrier} or {@code local:K} (any case). */
  public static SyncMode parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "auto":
        return AUTO;
      case "step":
        return STEP;
      case "barrier":
        return BARRIER;
      default:
        break;
    }
    if (v.startsWith("local:")) {
      String digits = v.substring("local:".length()).trim();
      if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
        try {
          int k = Integer.parseInt(digits);
          if (k >= 1) {
            return new SyncMode(Kind.LOCAL, k);
          }
        } catch (NumberFormatException e) {
          // too large: reported below
        }
      }
    }
    throw new IllegalArgumentException("sync is '" + value + "'; allowed: " + FORMS);
  }

  @Override
  public String toString() {
    return kind == Kind.LOCAL ? "local:" + k : kind.name().toLowerCase(Locale.ROOT);
  }
}
