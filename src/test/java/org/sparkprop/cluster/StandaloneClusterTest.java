package org.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.cli.ModelFile;

/**
 * The job on a real standalone cluster (a master and two one-core workers on 127.0.0.1, started
 * by scripts/cluster from the project's jars): it trains the same weights as local mode, and
 * still does when an executor JVM is killed in the middle of training. sync=auto runs barrier
 * stages there: the stage that loses its executor runs again from its start.
 */
@Tag("cluster")
class StandaloneClusterTest {

  /**
   * 300 epochs of 12 updates: barrier stages reach over several epochs for about 2 s each, so
   * the job runs several stages on the cluster (the default's 25 epochs take one: 1.1-1.5 s).
   */
  private static final String[] JOB = {"conf/spirals.conf", "--set", "epochs=300",
      "--set", "partitions=2"};

  @TempDir
  static Path logs;

  /** This cluster's master port, free when the test starts. */
  private static final int PORT = ClusterPorts.free();

  private static Process start(Path log, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(new File("."))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(ClusterPorts.env(PORT));
    return pb.start();
  }

  private static String finish(Process p, Path log, List<String> command) throws Exception {
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " timed out");
    }
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + output);
    return output;
  }

  private static String run(Path log, String... command) throws Exception {
    return finish(start(log, List.of(command)), log, List.of(command));
  }

  private static List<String> job(String script, Path out) {
    List<String> cmd = new ArrayList<>(List.of(script.split(" ")));
    cmd.addAll(List.of(JOB));
    cmd.addAll(List.of("--out", out.toString()));
    return cmd;
  }

  @BeforeAll
  static void startCluster() throws Exception {
    run(logs.resolve("start.log"), "scripts/cluster", "start", "2");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    run(logs.resolve("stop.log"), "scripts/cluster", "stop");
  }

  private static float[] localTheta(Path dir) throws Exception {
    List<String> local = job("scripts/train", dir.resolve("local"));
    local.addAll(List.of("--set", "master=local[2]"));
    finish(start(dir.resolve("local.log"), local), dir.resolve("local.log"), local);
    return ModelFile.read(dir.resolve("local/model")).theta();
  }

  @Test
  void twoWorkerClusterTrainsWhatLocalModeTrains(@TempDir Path dir) throws Exception {
    List<String> submit = job("scripts/cluster submit", dir.resolve("cluster"));
    finish(start(dir.resolve("submit.log"), submit), dir.resolve("submit.log"), submit);
    ObjectMapper json = new ObjectMapper();
    JsonNode cluster = json.readTree(dir.resolve("cluster/summary.json").toFile());
    assertEquals(ClusterPorts.master(PORT), cluster.path("master").asText());
    assertArrayEquals(localTheta(dir), ModelFile.read(dir.resolve("cluster/model")).theta());
  }

  /** The executor launches in the workers' logs whose command line has C1 alone. */
  private static long c1Launches() throws IOException {
    long n = 0;
    try (Stream<Path> files = Files.list(Path.of("target/cluster"))) {
      for (Path log : files.filter(f -> f.getFileName().toString().matches("worker-\\d+\\.log"))
          .toList()) {
        n += Files.readAllLines(log).stream().filter(l -> l.contains("Launch command")
            && l.contains("\"-XX:TieredStopAtLevel=1\"")).count();
      }
    }
    return n;
  }

  @Test
  void aSmallJobsExecutorsCompileWithC1AloneUnlessToldOtherwise(@TempDir Path dir)
      throws Exception {
    long before = c1Launches();
    String auto = run(dir.resolve("auto.log"), "scripts/cluster", "submit", "conf/spirals.conf",
        "--out", dir.resolve("auto").toString());
    assertTrue(auto.contains("executors compile with C1 alone (executorJit)"), auto);
    long afterAuto = c1Launches();
    assertTrue(afterAuto >= before + 1, "no executor launched with C1 alone: " + before + " then "
        + afterAuto);
    String tiered = run(dir.resolve("tiered.log"), "scripts/cluster", "submit",
        "conf/spirals.conf", "--set", "executorJit=tiered", "--out",
        dir.resolve("tiered").toString());
    assertFalse(tiered.contains("C1 alone"), tiered);
    assertEquals(afterAuto, c1Launches(), "executorJit=tiered launched an executor with C1");
    assertArrayEquals(ModelFile.read(dir.resolve("auto/model")).theta(),
        ModelFile.read(dir.resolve("tiered/model")).theta());
  }

  @Test
  void losingAnExecutorMidTrainingChangesNothing(@TempDir Path dir) throws Exception {
    List<String> submit = job("scripts/cluster submit", dir.resolve("cluster"));
    Path log = dir.resolve("submit.log");
    Process job = start(log, submit);
    // Wait for the first stage's epoch lines, then kill one executor JVM with SIGKILL.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.readString(log).contains("epoch 2/300")) {
      assertTrue(job.isAlive(), "the job ended early:\n" + Files.readString(log));
      assertTrue(System.nanoTime() < deadline, "no epoch 2 within 5 minutes");
      Thread.sleep(100);
    }
    // A barrier stage (sync=auto) runs epochs for about 2 s: killing half a second after the
    // first stage's epochs came mostly hits the second stage, which then runs again; a kill
    // between two stages costs only the lost cached shard. Either way the bits must not change.
    Thread.sleep(500);
    Optional<ProcessHandle> executor = ClusterPorts.executor();
    assertTrue(executor.isPresent(), "no executor JVM of this cluster found");
    executor.get().destroyForcibly();
    String output = finish(job, log, submit);
    assertTrue(output.contains("epoch 300/300"), output);
    System.out.println("StandaloneClusterTest: a barrier stage "
        + (output.contains("running it again from its start") ? "ran again" : "did not fail"));
    assertArrayEquals(localTheta(dir), ModelFile.read(dir.resolve("cluster/model")).theta());
  }
}
