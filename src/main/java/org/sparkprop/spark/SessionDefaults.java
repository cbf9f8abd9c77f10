package org.sparkprop.spark;

import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * The broadcast settings of the sessions sparkprop starts, each kept only where the user has not
 * set it. Θ is broadcast on every update, so what Spark does per broadcast is paid hundreds of
 * times an epoch. On 2 cores, 784-256-128-10 at batch 1024, the three together take 10–13% off
 * an update ({@code scripts/bench --main BroadcastSettingsAB}: 19.0 → 17.1 and 18.7 → 16.4 ms).
 */
public final class SessionDefaults {

  /**
   * <ul>
   *   <li>{@code spark.broadcast.compress=false}: random floats do not compress; LZ4 only adds
   *       time.
   *   <li>{@code spark.broadcast.checksum=false}: the Adler-32 of every piece is computed on the
   *       driver even in local mode, where no piece ever travels; on a cluster the transport
   *       already checks what it carries.
   *   <li>{@code spark.broadcast.blockSize=1m}: Spark allocates a whole block for every broadcast
   *       it serializes, the per-job task binary included; at the default 4 MiB two such blocks
   *       per update were a zeroed 8 MiB of garbage for a Θ under 1 MB.
   * </ul>
   */
  public static final Map<String, String> SETTINGS = Map.of(
      "spark.broadcast.compress", "false",
      "spark.broadcast.checksum", "false",
      "spark.broadcast.blockSize", "1m");

  private SessionDefaults() {}

  /** Sets every one of {@link #SETTINGS} that {@code conf} does not set already. */
  public static SparkConf applyTo(SparkConf conf) {
    SETTINGS.forEach(conf::setIfMissing);
    return conf;
  }
}
