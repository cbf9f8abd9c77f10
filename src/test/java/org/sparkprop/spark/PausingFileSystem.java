package org.sparkprop.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code pausing://} that stops a process between the
 * data of a checkpoint and its commit: when the marker of checkpoint number
 * {@value #AT_PROPERTY} is about to be created, it creates the file named by {@value
 * #FLAG_PROPERTY} and sleeps for good, so that a test can kill the process right there.
 */
public final class PausingFileSystem extends RawLocalFileSystem {

  public static final String SCHEME = "pausing";
  public static final String AT_PROPERTY = "sparkprop.test.pauseAtCommit";
  public static final String FLAG_PROPERTY = "sparkprop.test.pauseFlag";

  private static final URI NAME = URI.create(SCHEME + ":///");
  private static final AtomicInteger COMMITS = new AtomicInteger();

  /** The {@code pausing://} URI of a local path. */
  public static String uri(java.nio.file.Path local) {
    return SCHEME + "://" + local.toAbsolutePath().toUri().getPath();
  }

  @Override
  public URI getUri() {
    return NAME;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress)
      throws IOException {
    if (f.getName().equals(HadoopOutput.MARKER) && f.getParent().getName().contains("ckpt-")
        && COMMITS.incrementAndGet() == Integer.getInteger(AT_PROPERTY, -1)) {
      Files.createFile(java.nio.file.Path.of(System.getProperty(FLAG_PROPERTY)));
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while paused before " + f, e);
      }
    }
    return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
  }
}
