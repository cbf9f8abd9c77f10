package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkprop.cli.MainOutcome.run;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.HadoopOutput;
import org.sparkprop.spark.LocalSpark;
import org.sparkprop.spark.PausingFileSystem;

/**
 * Real training processes interrupted by SIGKILL between a checkpoint's data and its commit, and
 * by SIGTERM, then resumed: each resumed run ends with the bits of an uninterrupted one.
 */
class InterruptedRunTest {

  /** 240 training rows in batches of 16: 15 updates an epoch, 45 in all. */
  private static List<String> job(Path out, String checkpoints, String... more) {
    List<String> args = new ArrayList<>(List.of("--set", "data.train=xor", "--set",
        "data.samples=300", "--set", "layers=2,8,2", "--set", "optimizer=adam", "--set",
        "stepSize=0.02", "--set", "partitions=2", "--set", "inputNoise=0.05",
        "--set", "validationFraction=0.2", "--set", "mode=minibatch", "--set", "batchSize=16",
        "--set", "epochs=3", "--set", "master=local[2]", "--out", out.toString()));
    if (checkpoints != null) {
      args.addAll(List.of("--set", "checkpointDir=" + checkpoints,
          "--set", "checkpointEveryUpdates=4"));
    }
    args.addAll(List.of(more));
    return args;
  }

  /** Starts Main in a JVM of its own with this one's class path and module options. */
  private static Process start(List<String> args, Path log, String... properties)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--add-") || option.startsWith("-Dio.netty")) {
        command.add(option);
      }
    }
    command.add("-Xmx1g");
    command.add("-Dspark.hadoop.fs." + PausingFileSystem.SCHEME + ".impl="
        + PausingFileSystem.class.getName());
    command.addAll(List.of(properties));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).directory(new File("."))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void await(String what, Process p, Path log, java.util.function.BooleanSupplier
      done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!done.getAsBoolean()) {
      assertTrue(p.isAlive(), "the process ended before " + what + ":\n" + Files.readString(log));
      assertTrue(System.nanoTime() < deadline, "no " + what + ":\n" + Files.readString(log));
      Thread.sleep(50);
    }
  }

  private static List<Path> find(Path dir, Predicate<Path> which) throws Exception {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(which).toList();
    }
  }

  private static float[] uninterrupted(Path dir) throws Exception {
    MainOutcome full = run(job(dir.resolve("full"), null));
    assertEquals(0, full.status(), full.err());
    return ModelFile.read(dir.resolve("full/model")).theta();
  }

  @Test
  void aProcessKilledBetweenACheckpointsDataAndItsCommitResumesFromTheOneBefore(
      @TempDir Path dir) throws Exception {
    LocalSpark.context();
    Path ck = dir.resolve("ck");
    Path flag = dir.resolve("paused");
    Path log = dir.resolve("child.log");
    Process child = start(job(dir.resolve("killed"), PausingFileSystem.uri(ck)), log,
        "-D" + PausingFileSystem.AT_PROPERTY + "=2", "-D" + PausingFileSystem.FLAG_PROPERTY + "="
            + flag);
    await("pause before the second commit", child, log, () -> Files.exists(flag));
    child.destroyForcibly();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    List<Path> partial = find(ck, p -> p.getFileName().toString().endsWith(".partial"));
    assertEquals(1, partial.size(), "the write the kill cut short");
    assertTrue(Files.exists(partial.get(0).resolve("arrays.bin")));
    assertFalse(Files.exists(partial.get(0).resolve(HadoopOutput.MARKER)));

    // The killed fit never released its lease: it is taken over once it has not been renewed
    // for as long as a lease lasts.
    List<Path> lease = find(ck, p -> p.getFileName().toString().equals("_LEASE"));
    assertEquals(1, lease.size());
    Files.setLastModifiedTime(lease.get(0), java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() - 3_600_000L)); // an hour: a lease lasts 300 s by default
    MainOutcome resumed = run(job(dir.resolve("resumed"), ck.toString(), "--resume"));
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("resuming after epoch 0 and 4 batches"), resumed.out());
    assertTrue(find(ck, p -> p.getFileName().toString().endsWith(".partial")).isEmpty(),
        "the leftover is deleted");
    assertArrayEquals(uninterrupted(dir), ModelFile.read(dir.resolve("resumed/model")).theta());
  }

  @Test
  void sigtermCheckpointsExitsWithStatus4AndAResumeGoesOn(@TempDir Path dir) throws Exception {
    LocalSpark.context();
    Path ck = dir.resolve("ck");
    Path log = dir.resolve("child.log");
    Process child = start(job(dir.resolve("stopped"), ck.toString()), log);
    await("first checkpoint", child, log, () -> {
      try {
        return !find(ck, p -> p.getFileName().toString().equals(HadoopOutput.MARKER)).isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    child.destroy(); // SIGTERM
    assertTrue(child.waitFor(120, TimeUnit.SECONDS));
    String out = Files.readString(log);
    assertEquals(4, child.exitValue(), out);
    assertTrue(out.contains("training stopped on request after")
        && out.contains("its state is checkpointed"), out);
    assertFalse(Files.exists(dir.resolve("stopped/model")));

    MainOutcome resumed = run(job(dir.resolve("resumed"), ck.toString(), "--resume"));
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("resuming after epoch"), resumed.out());
    assertArrayEquals(uninterrupted(dir), ModelFile.read(dir.resolve("resumed/model")).theta());
  }
}
