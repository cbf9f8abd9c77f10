package org.sparkprop.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a test's own cluster needs on a machine that other clusters may share: a free master
 * port (scripts/cluster reads it from SPARK_MASTER_PORT, for start and submit alike) and the
 * executor JVMs of this cluster's workers alone.
 */
final class ClusterPorts {

  private ClusterPorts() {}

  /** A port nothing listens on at 127.0.0.1 now. */
  static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** The environment that points scripts/cluster at the master on {@code port}. */
  static Map<String, String> env(int port) {
    return Map.of("SPARK_MASTER_PORT", Integer.toString(port));
  }

  /**
   * Runs {@code command} (a script of this directory) against the cluster on {@code port}, its
   * output in {@code log}; fails the test when it fails or takes over 10 minutes.
   */
  static void run(int port, Path log, List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(new File("."))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env(port));
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + Files.readString(log));
    }
  }

  /** The master URL on {@code port}. */
  static String master(int port) {
    return "spark://127.0.0.1:" + port;
  }

  /**
   * An executor JVM started by one of the workers that scripts/cluster started from this
   * directory (their pids are in target/cluster/worker-*.pid), if one runs.
   */
  static Optional<ProcessHandle> executor() throws IOException {
    Set<Long> workers;
    try (Stream<Path> files = Files.list(Path.of("target/cluster"))) {
      workers = files.filter(f -> f.getFileName().toString().matches("worker-\\d+\\.pid"))
          .map(f -> {
            try {
              return Long.parseLong(Files.readString(f).trim());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .collect(Collectors.toSet());
    }
    return ProcessHandle.allProcesses()
        .filter(p -> p.parent().map(w -> workers.contains(w.pid())).orElse(false))
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .findFirst();
  }
}
