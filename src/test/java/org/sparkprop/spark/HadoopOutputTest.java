package org.sparkprop.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The commit protocol on the local file system (rename) and on one without rename. */
class HadoopOutputTest {

  private static Configuration hadoop() {
    Configuration conf = new Configuration();
    NoRenameFileSystem.register(conf);
    return conf;
  }

  private static Path on(String scheme, java.nio.file.Path local) {
    return new Path(scheme.equals("file") ? local.toUri().toString() : NoRenameFileSystem.uri(local));
  }

  private static void twoFiles(FileSystem fs, Path dir) throws IOException {
    try (var out = fs.create(new Path(dir, "a.txt"), false)) {
      out.write("alpha".getBytes(StandardCharsets.UTF_8));
    }
    try (var out = fs.create(new Path(dir, "b.txt"), false)) {
      out.write("beta".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The names in a local directory, hidden ones included (not the local checksums). */
  private static List<String> names(java.nio.file.Path dir) throws IOException {
    try (Stream<java.nio.file.Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc"))
          .sorted().toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "norename"})
  void aDirectoryAppearsWithItsMarkerAndNothingBeside(String scheme, @TempDir java.nio.file.Path dir)
      throws IOException {
    Path target = on(scheme, dir.resolve("out"));
    // norename is in no list: the failed rename itself sends the write in place.
    HadoopOutput output = HadoopOutput.of(target, hadoop());
    output.createDirectory(target, "an output", HadoopOutputTest::twoFiles);
    assertEquals(List.of("out"), names(dir));
    assertEquals(List.of(HadoopOutput.MARKER, "a.txt", "b.txt"), names(dir.resolve("out")));
    assertEquals("beta", Files.readString(dir.resolve("out/b.txt")));
    assertTrue(HadoopOutput.committed(output.fs(), target));

    OutputExistsException again = assertThrows(OutputExistsException.class,
        () -> output.createDirectory(target, "an output", HadoopOutputTest::twoFiles));
    assertTrue(again.getMessage().contains("an output is never overwritten"), again.getMessage());
    assertEquals(target.toString(), again.path());
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "norename"})
  void aFailedWriteLeavesNothing(String scheme, @TempDir java.nio.file.Path dir)
      throws IOException {
    Path target = on(scheme, dir.resolve("out"));
    HadoopOutput output = HadoopOutput.of(target, hadoop());
    IOException e = assertThrows(IOException.class, () -> output.createDirectory(target, "x",
        (fs, d) -> {
          twoFiles(fs, d);
          throw new IOException("disk full");
        }));
    assertEquals("disk full", e.getMessage());
    assertEquals(List.of(), names(dir));
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "norename"})
  void aDirectoryIsReplacedWhole(String scheme, @TempDir java.nio.file.Path dir)
      throws IOException {
    Path target = on(scheme, dir.resolve("out"));
    HadoopOutput output = HadoopOutput.of(target, hadoop());
    output.createDirectory(target, "x", HadoopOutputTest::twoFiles);
    output.replaceDirectory(target, (fs, d) -> {
      try (var out = fs.create(new Path(d, "c.txt"), false)) {
        out.write(1);
      }
    });
    assertEquals(List.of("out"), names(dir));
    assertEquals(List.of(HadoopOutput.MARKER, "c.txt"), names(dir.resolve("out")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "norename"})
  void aFileIsWrittenOnceAndNeverOverwritten(String scheme, @TempDir java.nio.file.Path dir)
      throws IOException {
    Path target = on(scheme, dir.resolve("sub/report.json"));
    HadoopOutput output = HadoopOutput.of(target, hadoop());
    byte[] bytes = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
    output.createFile(target, "a report", bytes);
    assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("sub/report.json")));
    assertEquals(List.of("report.json"), names(dir.resolve("sub")));
    assertThrows(OutputExistsException.class,
        () -> output.createFile(target, "a report", new byte[] {1}));
    assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("sub/report.json")));
  }

  @Test
  void schemesWithoutRenameComeFromTheListAndTheSetting(@TempDir java.nio.file.Path dir)
      throws IOException {
    Configuration conf = hadoop();
    assertFalse(HadoopOutput.renamesAtomically("s3a", conf));
    assertFalse(HadoopOutput.renamesAtomically("gs", conf));
    assertTrue(HadoopOutput.renamesAtomically("hdfs", conf));
    assertTrue(HadoopOutput.renamesAtomically("file", conf));
    conf.set(HadoopOutput.NO_RENAME_SCHEMES, "abfs, FILE");
    assertFalse(HadoopOutput.renamesAtomically("abfs", conf));
    assertFalse(HadoopOutput.renamesAtomically("file", conf));
    // A local directory written in place: still complete, with its marker.
    Path target = new Path(dir.resolve("out").toUri());
    HadoopOutput output = HadoopOutput.of(target, conf);
    assertFalse(output.renames());
    output.createDirectory(target, "x", HadoopOutputTest::twoFiles);
    assertTrue(HadoopOutput.committed(output.fs(), target));
  }
}
