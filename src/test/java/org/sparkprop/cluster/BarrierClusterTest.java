package org.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.cli.ModelFile;

/**
 * sync=barrier on a standalone cluster of two one-core workers on 127.0.0.1 (two executor JVMs,
 * started by scripts/cluster): the tasks of each barrier stage reach the driver's sum hub from
 * their own JVMs, and the job ends with the weights that local mode trains with sync=step, bit
 * for bit.
 */
@Tag("cluster")
class BarrierClusterTest {

  private static final String[] JOB = {"conf/spirals.conf", "--set", "epochs=4",
      "--set", "partitions=2", "--set", "optimizer=adam", "--set", "stepSize=0.01"};

  @TempDir
  static Path logs;

  /** This cluster's master port, free when the test starts. */
  private static final int PORT = ClusterPorts.free();

  private static void run(Path log, List<String> command) throws Exception {
    ClusterPorts.run(PORT, log, command);
  }

  private static List<String> job(String script, Path out, String... more) {
    List<String> cmd = new ArrayList<>(List.of(script.split(" ")));
    cmd.addAll(List.of(JOB));
    cmd.addAll(List.of(more));
    cmd.addAll(List.of("--out", out.toString()));
    return cmd;
  }

  @BeforeAll
  static void startCluster() throws Exception {
    run(logs.resolve("start.log"), List.of("scripts/cluster", "start", "2"));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    run(logs.resolve("stop.log"), List.of("scripts/cluster", "stop"));
  }

  @Test
  void barrierStagesOnTwoExecutorsTrainWhatOneJobPerUpdateTrainsLocally(@TempDir Path dir)
      throws Exception {
    run(dir.resolve("local.log"), job("scripts/train", dir.resolve("local"),
        "--set", "master=local[2]", "--set", "sync=step"));
    run(dir.resolve("cluster.log"), job("scripts/cluster submit", dir.resolve("cluster"),
        "--set", "sync=barrier"));
    assertEquals(ClusterPorts.master(PORT), new ObjectMapper()
        .readTree(dir.resolve("cluster/summary.json").toFile()).path("master").asText());
    assertArrayEquals(ModelFile.read(dir.resolve("local/model")).theta(),
        ModelFile.read(dir.resolve("cluster/model")).theta());
  }
}
