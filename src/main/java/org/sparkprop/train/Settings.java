package org.sparkprop.train;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.sparkprop.settings.Setting;
import org.sparkprop.settings.Source;

/**
 * The effective settings of a job: every job setting of {@link SettingRegistry} with its
 * default, overridden by a config file (Java-properties syntax, {@code name = value}, {@code #}
 * comments), then by Spark properties {@code spark.sparkprop.<name>}, then by
 * {@code --set name=value} overrides (or by an Estimator's params). Unknown names are refused at
 * once with the nearest known name; values are typed and checked by the typed getters, which
 * {@link JobConfig} uses. Each value remembers its {@link Source} and where exactly it came from.
 */
public final class Settings {

  /** Every job setting, in table order. */
  public static final List<Setting> KNOWN = SettingRegistry.jobSettings();

  private static final Map<String, Setting> BY_NAME = new LinkedHashMap<>();

  static {
    for (Setting s : KNOWN) {
      BY_NAME.put(s.name(), s);
    }
  }

  private final Map<String, String> values;
  private final Map<String, String> origins;
  private final Map<String, Source> sources;

  private Settings(Map<String, String> values, Map<String, String> origins,
      Map<String, Source> sources) {
    this.values = values;
    this.origins = origins;
    this.sources = sources;
  }

  /** The defaults alone. */
  public static Settings defaults() {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    Map<String, Source> sources = new LinkedHashMap<>();
    for (Setting s : KNOWN) {
      values.put(s.name(), s.defaultValue());
      origins.put(s.name(), "default");
      sources.put(s.name(), Source.DEFAULT);
    }
    return new Settings(values, origins, sources);
  }

  /** These settings with the file's values on top. A missing file names its path. */
  public Settings withFile(Path file) {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
    }
    Settings result = this;
    for (String name : new java.util.TreeSet<>(props.stringPropertyNames())) {
      result = result.with(name, props.getProperty(name), Source.CONFIG_FILE,
          file.toString());
    }
    return result;
  }

  /** As {@link #with(String, String, Source, String)} for a {@code --set} override. */
  public Settings with(String name, String value, String origin) {
    return with(name, value, Source.SET, origin);
  }

  /**
   * These settings with {@code name} set to {@code value}, which came in by {@code source};
   * {@code origin} says where exactly (a file's path, a property's key, "--set").
   */
  public Settings with(String name, String value, Source source, String origin) {
    String key = name.trim();
    if (!BY_NAME.containsKey(key)) {
      throw new IllegalArgumentException("unknown setting '" + key + "' (in " + origin + ")"
          + suggestion(key) + "; run with --help for the list");
    }
    Map<String, String> v = new LinkedHashMap<>(values);
    Map<String, String> o = new LinkedHashMap<>(origins);
    Map<String, Source> so = new LinkedHashMap<>(sources);
    v.put(key, value.trim());
    o.put(key, origin);
    so.put(key, source);
    return new Settings(v, o, so);
  }

  /** Applies one {@code name=value} override. */
  public Settings withOverride(String assignment, String origin) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "override '" + assignment + "' (in " + origin + ") must look like name=value");
    }
    return with(assignment.substring(0, eq), assignment.substring(eq + 1), origin);
  }

  /** The value of a known setting. */
  public String get(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("unknown setting '" + name + "'");
    }
    return v;
  }

  /** Where the value of {@code name} came from: default, a file, or an override. */
  public String origin(String name) {
    return origins.get(name);
  }

  /** Which way the value of {@code name} came in. */
  public Source source(String name) {
    get(name);
    return sources.get(name);
  }

  /** The source of every setting, in table order (summary.json's {@code settings_origin}). */
  public Map<String, String> sources() {
    Map<String, String> result = new LinkedHashMap<>();
    sources.forEach((k, v) -> result.put(k, v.name().toLowerCase(java.util.Locale.ROOT)));
    return Collections.unmodifiableMap(result);
  }

  /** The typed, checked value of {@code name} (see {@link Setting#parse}). */
  public Object typed(String name) {
    return BY_NAME.get(name).parse(get(name));
  }

  /** An INT setting, checked. */
  public int getInt(String name) {
    return (Integer) typed(name);
  }

  /** A LONG setting, checked. */
  public long getLong(String name) {
    return (Long) typed(name);
  }

  /** A DOUBLE setting, checked; NaN for {@code auto} of a DOUBLE_OR_AUTO setting. */
  public double getDouble(String name) {
    return (Double) typed(name);
  }

  /** A BOOLEAN setting. */
  public boolean getBoolean(String name) {
    return (Boolean) typed(name);
  }

  /** A TEXT setting, trimmed and checked. */
  public String getText(String name) {
    return (String) typed(name);
  }

  /** An INT_LIST setting, checked. */
  public int[] getIntList(String name) {
    return (int[]) typed(name);
  }

  /** Every setting and its effective value, in table order. */
  public Map<String, String> values() {
    return Collections.unmodifiableMap(values);
  }

  private static String suggestion(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : BY_NAME.keySet()) {
      int d = distance(name.toLowerCase(), known.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3)
        ? "; did you mean '" + best + "'?" : "";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
