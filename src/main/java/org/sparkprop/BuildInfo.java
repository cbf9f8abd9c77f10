package org.sparkprop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of sparkprop is: its version and the Spark release it was compiled against,
 * written into {@code org/sparkprop/build.properties} by the build.
 */
public final class BuildInfo {

  private static final Properties PROPERTIES = load();

  private BuildInfo() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read org/sparkprop/build.properties", e);
    }
    return p;
  }

  /** sparkprop's version, e.g. {@code 0.1.0-SNAPSHOT} ("unknown" outside a build). */
  public static String version() {
    return PROPERTIES.getProperty("version", "unknown");
  }

  /** The Spark release sparkprop was built against, e.g. {@code 4.2.0}. */
  public static String sparkVersion() {
    return PROPERTIES.getProperty("spark.version", "unknown");
  }

  /** The Scala binary version of that Spark build, e.g. {@code 2.13}. */
  public static String scalaBinaryVersion() {
    return PROPERTIES.getProperty("scala.binary.version", "unknown");
  }
}
