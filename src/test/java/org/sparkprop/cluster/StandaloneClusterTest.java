package org.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.cli.ModelFile;

/**
 * The job submitted to a real standalone cluster (a master and two one-core workers on
 * 127.0.0.1, started by scripts/cluster from the project's jars) trains the same weights as the
 * same job in local mode.
 */
@Tag("cluster")
class StandaloneClusterTest {

  private static String run(Path log, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(new File("."))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " timed out");
    }
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + output);
    return output;
  }

  @Test
  void twoWorkerClusterTrainsWhatLocalModeTrains(@TempDir Path dir) throws Exception {
    String[] job = {"conf/spirals.conf", "--set", "epochs=4", "--set", "partitions=2"};
    run(dir.resolve("start.log"), "scripts/cluster", "start", "2");
    try {
      List<String> submit = new ArrayList<>(List.of("scripts/cluster", "submit"));
      submit.addAll(List.of(job));
      submit.addAll(List.of("--out", dir.resolve("cluster").toString()));
      run(dir.resolve("submit.log"), submit.toArray(String[]::new));
    } finally {
      run(dir.resolve("stop.log"), "scripts/cluster", "stop");
    }
    List<String> local = new ArrayList<>(List.of("scripts/train"));
    local.addAll(List.of(job));
    local.addAll(List.of("--set", "master=local[2]", "--out", dir.resolve("local").toString()));
    run(dir.resolve("local.log"), local.toArray(String[]::new));

    ObjectMapper json = new ObjectMapper();
    JsonNode cluster = json.readTree(dir.resolve("cluster/summary.json").toFile());
    JsonNode localRun = json.readTree(dir.resolve("local/summary.json").toFile());
    assertEquals("spark://127.0.0.1:7077", cluster.path("master").asText());
    assertEquals(localRun.path("final_loss").asDouble(), cluster.path("final_loss").asDouble(),
        1e-9);
    // Two partitions: the driver adds two partial sums, in either order the same floats.
    assertArrayEquals(ModelFile.read(dir.resolve("local/model")).theta(),
        ModelFile.read(dir.resolve("cluster/model")).theta());
  }
}
