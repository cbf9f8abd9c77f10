package org.sparkprop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/cluster refuses bad sizes and counts before it builds or starts anything (exit status
 * 2, naming the option and the bad value), and its usage lists every command.
 */
class ClusterScriptArgumentsTest {

  private record Result(int status, String stderr) {}

  private static Result run(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("scripts/cluster"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(new File("."))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES), "scripts/cluster did not return");
    return new Result(p.exitValue(), err);
  }

  @Test
  void badMemorySizesAreRefusedWithTheirOption() throws Exception {
    Result driver = run("submit", "--driver-memory", "4x", "conf/spirals.conf");
    assertEquals(2, driver.status(), driver.stderr());
    assertTrue(driver.stderr().contains("--driver-memory") && driver.stderr().contains("'4x'"),
        driver.stderr());
    Result executor = run("submit", "evaluate", "runs/x/model", "--executor-memory", "-1g");
    assertEquals(2, executor.status(), executor.stderr());
    assertTrue(executor.stderr().contains("--executor-memory")
        && executor.stderr().contains("'-1g'"), executor.stderr());
    Result worker = run("start", "1", "--memory", "lots");
    assertEquals(2, worker.status(), worker.stderr());
    assertTrue(worker.stderr().contains("--memory") && worker.stderr().contains("'lots'"),
        worker.stderr());
  }

  @Test
  void badCountsAreRefused() throws Exception {
    Result workers = run("start", "0");
    assertEquals(2, workers.status(), workers.stderr());
    assertTrue(workers.stderr().contains("number of workers is '0'"), workers.stderr());
    Result cores = run("start", "2", "--cores", "1.5");
    assertEquals(2, cores.status(), cores.stderr());
    assertTrue(cores.stderr().contains("--cores") && cores.stderr().contains("'1.5'"),
        cores.stderr());
  }

  @Test
  void usageListsEveryCommand() throws Exception {
    Result usage = run("help");
    assertEquals(2, usage.status());
    for (String command : List.of("start [WORKERS] [--cores N] [--memory SIZE]",
        "[--executor-memory SIZE] [train]", "evaluate MODEL", "predict MODEL",
        "export MODEL", "--version", "stop | status")) {
      assertTrue(usage.stderr().contains(command), command + " missing from:\n" + usage.stderr());
    }
  }
}
