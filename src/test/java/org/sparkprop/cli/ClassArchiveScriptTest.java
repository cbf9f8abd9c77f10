package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive of scripts/common.sh (class_archive, with SPARKPROP_CLASS_ARCHIVE=on),
 * run as the scripts run it, in an archive directory of the test's own
 * (SPARKPROP_CLASS_ARCHIVE_DIR): which archive a run maps or writes, what happens to the parts
 * that earlier runs left, and that an archive the JVM refuses changes nothing for the run.
 */
class ClassArchiveScriptTest {

  @TempDir
  Path dir;

  /** What a process printed (stdout and stderr apart) and its status. */
  record Ran(int status, String out, String err) {}

  private Ran bash(String script, String... env) throws Exception {
    return run(List.of("bash", "-c", script), env);
  }

  private Ran run(List<String> command, String... env) throws Exception {
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(new File("."))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("SPARKPROP_CLASS_ARCHIVE_DIR", dir.resolve("cds").toString());
    pb.environment().put("SPARKPROP_CLASS_ARCHIVE", "on");
    for (String e : env) {
      String[] kv = e.split("=", 2);
      pb.environment().put(kv[0], kv[1]);
    }
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(command + " timed out");
    }
    return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The JVM options class_archive chooses, one a line. */
  private List<String> options(String... env) throws Exception {
    Ran r = bash("source scripts/common.sh && ensure_build && class_archive"
        + " && printf '%s\\n' \"${CLASS_ARCHIVE_OPTS[@]}\"", env);
    assertEquals(0, r.status(), r.err());
    return r.out().lines().filter(line -> !line.isEmpty()).toList();
  }

  /** The archive of this build: the file class_archive would write its part to. */
  private Path archive() throws Exception {
    List<String> options = options();
    String dump = options.stream().filter(o -> o.startsWith("-XX:ArchiveClassesAtExit="))
        .findFirst().orElseThrow(() -> new AssertionError("no archive written: " + options));
    String part = dump.substring("-XX:ArchiveClassesAtExit=".length());
    return Path.of(part.substring(0, part.lastIndexOf(".part.")));
  }

  @Test
  void withoutAnArchiveTheRunWritesOneAndWithOneItMapsIt() throws Exception {
    Path archive = archive();
    assertTrue(archive.getFileName().toString().matches("sparkprop-[0-9]+\\.jsa"), archive
        .toString());
    assertTrue(options().stream().anyMatch(o -> o.startsWith("-Dsparkprop.classArchiveDone=")
        && o.endsWith(".ok")));
    Files.write(archive, new byte[] {1, 2, 3});
    assertTrue(options().contains("-XX:SharedArchiveFile=" + archive), options().toString());
    assertTrue(options().contains("-Xshare:auto"));
    assertEquals(List.of(), options("SPARKPROP_CLASS_ARCHIVE=off"));
    assertEquals(List.of(), options("SPARKPROP_CLASS_ARCHIVE="), "off unless asked for");
  }

  @Test
  void anArchiveTheJvmRefusesLeavesTheRunAsItWas() throws Exception {
    Ran plain = run(List.of("scripts/sparkprop", "--version"), "SPARKPROP_CLASS_ARCHIVE=off");
    assertEquals(0, plain.status(), plain.err());
    Path archive = archive();
    // Not an archive at all, then an archive header cut short.
    for (byte[] content : new byte[][] {"not an archive".getBytes(StandardCharsets.UTF_8),
        new byte[4096]}) {
      Files.write(archive, content);
      Ran r = run(List.of("scripts/sparkprop", "--version"));
      assertEquals(0, r.status(), r.err());
      assertEquals(plain.out(), r.out());
      assertFalse(r.out().contains("shared archive") || r.err().contains("shared archive"),
          r.out() + r.err());
    }
  }

  @Test
  void aPartIsKeptOnlyWhenItsRunTrainedToTheEnd() throws Exception {
    Path archive = archive();
    // Process ids above the kernel's largest are never alive.
    Path unfinished = Path.of(archive + ".part.99999999");
    Files.write(unfinished, new byte[] {1});
    List<String> first = options();
    assertFalse(Files.exists(unfinished), "a part without its marker is removed");
    assertTrue(first.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")), first
        .toString());

    Path finished = Path.of(archive + ".part.99999998");
    Files.write(finished, new byte[] {2});
    Files.write(Path.of(finished + ".ok"), new byte[0]);
    List<String> second = options();
    assertFalse(Files.exists(finished));
    assertFalse(Files.exists(Path.of(finished + ".ok")));
    assertTrue(Files.exists(archive), "a finished part becomes the archive");
    assertTrue(second.contains("-XX:SharedArchiveFile=" + archive), second.toString());
  }

  @Test
  void archivesOfEarlierBuildsAreRemoved() throws Exception {
    Path stale = dir.resolve("cds").resolve("sparkprop-1.jsa");
    Files.createDirectories(stale.getParent());
    Files.write(stale, new byte[] {1});
    Path stalePart = dir.resolve("cds").resolve("sparkprop-1.jsa.part.99999997");
    Files.write(stalePart, new byte[] {1});
    Files.write(Path.of(stalePart + ".ok"), new byte[0]);
    archive();
    assertFalse(Files.exists(stale));
    assertFalse(Files.exists(stalePart));
    assertFalse(Files.exists(Path.of(stalePart + ".ok")));
  }

  @Test
  void aVersionRunLeavesNoArchiveBehind() throws Exception {
    Path archive = archive();
    Ran r = run(List.of("scripts/sparkprop", "--version"));
    assertEquals(0, r.status(), r.err());
    // Its part has no marker: the next run removes it and writes one again.
    options();
    assertFalse(Files.exists(archive));
    try (var files = Files.list(archive.getParent())) {
      assertEquals(List.of(), files.toList());
    }
  }
}
