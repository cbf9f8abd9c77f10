package org.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone master that does not answer: Spark gives up after its three 20 s attempts to
 * register, and the job ends with one line that names the master (exit status 1), not a stack
 * trace about a stopped context, and writes nothing. (Fails with the former handling: "the job
 * failed: java.lang.IllegalStateException: Cannot call methods on a stopped SparkContext".)
 */
@Tag("cluster")
class UnreachableMasterTest {

  @Test
  void aMasterThatDoesNotAnswerIsNamedAndNothingIsWritten(@TempDir Path dir) throws Exception {
    String master = ClusterPorts.master(ClusterPorts.free());
    Path out = dir.resolve("run");
    Path log = dir.resolve("train.log");
    List<String> command = List.of("scripts/sparkprop", "train", "--set", "master=" + master,
        "--set", "epochs=1", "--out", out.toString());
    Process p = new ProcessBuilder(command).directory(new File("."))
        .redirectOutput(log.toFile()).redirectError(dir.resolve("err.log").toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "no end within 5 minutes");
    String err = Files.readString(dir.resolve("err.log"));
    assertEquals(1, p.exitValue(), err);
    assertTrue(err.contains("sparkprop: error: Spark stopped on master " + master),
        err);
    assertFalse(err.contains("the job failed"), err);
    assertFalse(Files.exists(out), "wrote " + out);
  }
}
