package org.sparkprop.train;

import java.util.Locale;
import org.sparkprop.settings.SettingException;

/**
 * How the tasks of a fit synchronize, the {@code sync} setting: {@code step}, one Spark job per
 * update (the reference); {@code barrier}, many synchronous updates per barrier stage (the same
 * mathematics); {@code local:K}, local SGD: every task takes K optimizer steps on its own shard
 * between two averages of Θ (a different algorithm, so opt-in).
 *
 * @param kind which of the three
 * @param k the steps per task between two averages for {@link Kind#LOCAL}; 1 otherwise
 */
public record SyncMode(Kind kind, int k) {

  /** The three ways of synchronizing. */
  public enum Kind {
    STEP, BARRIER, LOCAL
  }

  /** The default: one Spark job per update. */
  public static final SyncMode STEP = new SyncMode(Kind.STEP, 1);

  private static final String ALLOWED = "step, barrier or local:K with K an integer >= 1";

  public SyncMode {
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + "; it must be at least 1");
    }
  }

  /** Parses a value of the {@code sync} setting. */
  public static SyncMode parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("step")) {
      return STEP;
    }
    if (v.equals("barrier")) {
      return new SyncMode(Kind.BARRIER, 1);
    }
    if (v.startsWith("local:")) {
      try {
        int k = Integer.parseInt(v.substring("local:".length()).trim());
        if (k >= 1) {
          return new SyncMode(Kind.LOCAL, k);
        }
      } catch (NumberFormatException e) {
        // refused below
      }
    }
    throw new SettingException("sync", value, ALLOWED);
  }

  @Override
  public String toString() {
    return kind == Kind.LOCAL ? "local:" + k : kind.name().toLowerCase(Locale.ROOT);
  }
}
