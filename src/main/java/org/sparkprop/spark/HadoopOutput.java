package org.sparkprop.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The commit protocol of every output sparkprop writes on a Hadoop file system (the run
 * directory's files, models, evaluate's JSON, checkpoints), so that a reader sees a whole output
 * or none of it, on any store.
 *
 * <p>A directory output is complete when it holds the marker {@value #MARKER}, written after every
 * other file. Where the file system renames atomically (local, HDFS) the files and the marker go
 * into a hidden sibling, {@code .NAME.<random>.partial}, renamed into place when complete: the
 * directory appears whole, marker included. Object stores have no atomic rename (S3A copies
 * object by object): for the schemes {@link #NO_RENAME} and those listed in the Hadoop setting
 * {@value #NO_RENAME_SCHEMES} (comma-separated), and wherever a rename fails or returns false,
 * the files are written in place and the marker last, and readers ignore a directory without
 * it. A single file is written aside and renamed where rename works, else in place: an object
 * store shows an object only once its stream is closed, whole.
 *
 * <p>New outputs are never written over existing ones ({@link OutputExistsException}); only
 * {@link #replaceDirectory} (checkpoints, which a run rewrites) replaces.
 */
public final class HadoopOutput {

  /** The file that marks a directory output as complete. */
  public static final String MARKER = "_COMMITTED";

  /** Hadoop setting: more URI schemes whose rename is not atomic (e.g. "abfs,oss"). */
  public static final String NO_RENAME_SCHEMES = "sparkprop.fs.noRename.schemes";

  /** The schemes of object stores, whose rename is never atomic. */
  public static final Set<String> NO_RENAME = Set.of("s3", "s3a", "s3n", "gs");

  /** Writes the files of a directory output into {@code dir} (which exists). */
  @FunctionalInterface
  public interface Contents {
    void writeInto(FileSystem fs, Path dir) throws IOException;
  }

  private final FileSystem fs;
  private final boolean renames;

  private HadoopOutput(FileSystem fs, boolean renames) {
    this.fs = fs;
    this.renames = renames;
  }

  /** The protocol for outputs on {@code path}'s file system. */
  public static HadoopOutput of(Path path, Configuration hadoop) throws IOException {
    FileSystem fs = fileSystem(path, hadoop);
    return new HadoopOutput(fs, renamesAtomically(fs.getUri().getScheme(), hadoop));
  }

  /**
   * The file system of {@code path} for sparkprop's outputs and their readers: Hadoop's, except
   * that local files are plain files, without the hidden {@code .crc} checksum files of Hadoop's
   * local file system (a model edited or copied without them still reads).
   */
  public static FileSystem fileSystem(Path path, Configuration hadoop) throws IOException {
    FileSystem fs = path.getFileSystem(hadoop);
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }

  /** Whether files on {@code scheme} are published by rename (else in place, marker last). */
  public static boolean renamesAtomically(String scheme, Configuration hadoop) {
    Set<String> none = new HashSet<>(NO_RENAME);
    for (String s : hadoop.getTrimmedStringCollection(NO_RENAME_SCHEMES)) {
      none.add(s.toLowerCase(Locale.ROOT));
    }
    return scheme == null || !none.contains(scheme.toLowerCase(Locale.ROOT));
  }

  public FileSystem fs() {
    return fs;
  }

  /** Whether this store publishes by rename. */
  public boolean renames() {
    return renames;
  }

  /** {@code path} made absolute (a relative path is resolved as Hadoop does, as today). */
  public Path qualify(Path path) {
    return fs.makeQualified(path);
  }

  /** Whether {@code dir} is a complete directory output (it holds the marker). */
  public static boolean committed(FileSystem fs, Path dir) throws IOException {
    return fs.exists(new Path(dir, MARKER));
  }

  /**
   * Writes the new directory {@code target}; {@code what} names it in the error when it exists
   * (e.g. "a model").
   */
  public void createDirectory(Path target, String what, Contents contents) throws IOException {
    target = qualify(target);
    if (fs.exists(target)) {
      throw new OutputExistsException(target, what);
    }
    publish(target, what, contents, false);
  }

  /** Writes directory {@code target}, replacing what is there. */
  public void replaceDirectory(Path target, Contents contents) throws IOException {
    publish(qualify(target), null, contents, true);
  }

  /**
   * Marks {@code dir}, whose files were written in place one by one (a run directory), as
   * complete.
   */
  public void markCommitted(Path dir) throws IOException {
    mark(qualify(dir));
  }

  private void publish(Path target, String what, Contents contents, boolean replace)
      throws IOException {
    Path parent = target.getParent();
    if (parent != null) {
      fs.mkdirs(parent);
    }
    if (renames) {
      Path partial = partial(target);
      try {
        fs.mkdirs(partial);
        contents.writeInto(fs, partial);
        mark(partial);
        if (fs.exists(target)) {
          if (!replace) {
            throw new OutputExistsException(target, what);
          }
          fs.delete(target, true);
        }
        if (rename(partial, target)) {
          return;
        }
      } finally {
        deleteQuietly(partial);
      }
      if (!replace && fs.exists(target)) {
        throw new OutputExistsException(target, what);
      }
    }
    // In place, marker last: a crash leaves a directory that readers skip.
    if (replace) {
      fs.delete(target, true);
    }
    try {
      fs.mkdirs(target);
      contents.writeInto(fs, target);
      mark(target);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(target);
      throw e;
    }
  }

  /**
   * Writes the new file {@code target} holding {@code bytes}; {@code what} names it in the error
   * when it exists.
   */
  public void createFile(Path target, String what, byte[] bytes) throws IOException {
    target = qualify(target);
    if (fs.exists(target)) {
      throw new OutputExistsException(target, what);
    }
    Path parent = target.getParent();
    if (parent != null) {
      fs.mkdirs(parent);
    }
    if (renames) {
      Path partial = partial(target);
      try {
        write(partial, bytes);
        if (fs.exists(target)) {
          throw new OutputExistsException(target, what);
        }
        if (rename(partial, target)) {
          return;
        }
      } finally {
        deleteQuietly(partial);
      }
    }
    try {
      write(target, bytes);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(target);
      throw e;
    }
  }

  private void write(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      out.write(bytes);
    }
  }

  private void mark(Path dir) throws IOException {
    fs.create(new Path(dir, MARKER), false).close();
  }

  private static Path partial(Path target) {
    return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID()
        + ".partial");
  }

  /** A rename, false when the store refuses it in any way. */
  private boolean rename(Path from, Path to) {
    try {
      return fs.rename(from, to);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private void deleteQuietly(Path path) {
    try {
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
    } catch (IOException e) {
      // Leftovers of a failed write are hidden names; the error that matters is the caller's.
    }
  }
}
