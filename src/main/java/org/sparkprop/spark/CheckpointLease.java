package org.sparkprop.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A fit's exclusive lease on its checkpoint directory, held from the start of the fit to its end:
 * the file {@value #FILE}, created only where none exists (atomic on HDFS and on local disks),
 * holding who took it, renewed by a daemon thread and deleted by {@link #close}. A lease not
 * renewed for {@value #SECONDS} seconds (Hadoop setting, default {@value #DEFAULT_SECONDS}) was
 * left by a fit that died and is taken over; a live one is a {@link CheckpointInUseException}.
 * On an object store the exclusive create is only as atomic as the store makes it.
 */
final class CheckpointLease implements AutoCloseable {

  /** The lease file in the checkpoint directory. */
  static final String FILE = "_LEASE";

  /** Hadoop setting: seconds after its last renewal when a lease counts as abandoned. */
  static final String SECONDS = "sparkprop.checkpoint.leaseSeconds";

  static final int DEFAULT_SECONDS = 300;

  private static final Logger LOG = LogManager.getLogger(CheckpointLease.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path file;
  private final String token;
  private final byte[] content;
  private final long renewMillis;
  private final ScheduledExecutorService renewer;

  private CheckpointLease(FileSystem fs, Path file, String token, byte[] content,
      long renewMillis) {
    this.fs = fs;
    this.file = file;
    this.token = token;
    this.content = content;
    this.renewMillis = renewMillis;
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sparkprop-checkpoint-lease");
      t.setDaemon(true);
      return t;
    });
    renewer.scheduleWithFixedDelay(this::renew, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
  }

  /** Takes the lease of {@code dir} (created if absent) or throws CheckpointInUseException. */
  static CheckpointLease take(FileSystem fs, Path dir, Configuration hadoop) throws IOException {
    int seconds = hadoop.getInt(SECONDS, DEFAULT_SECONDS);
    if (seconds < 1) {
      throw new IllegalArgumentException("Hadoop setting " + SECONDS + " is " + seconds
          + "; it must be at least 1 (seconds)");
    }
    fs.mkdirs(dir);
    Path file = new Path(dir, FILE);
    String token = UUID.randomUUID().toString();
    ObjectNode holder = JSON.createObjectNode();
    holder.put("holder", ProcessHandle.current().pid() + "@" + host());
    holder.put("since", Instant.now().toString());
    holder.put("token", token);
    byte[] content = JSON.writeValueAsBytes(holder);
    long renewMillis = Math.max(200L, seconds * 1000L / 5);
    for (int attempt = 0; attempt < 2; attempt++) {
      if (createExclusive(fs, file, content)) {
        return new CheckpointLease(fs, file, token, content, renewMillis);
      }
      long age;
      try {
        age = System.currentTimeMillis() - fs.getFileStatus(file).getModificationTime();
      } catch (FileNotFoundException e) {
        continue; // released meanwhile
      }
      if (age <= seconds * 1000L || attempt > 0) {
        throw new CheckpointInUseException(dir.toString(), "checkpoint directory " + dir
            + " is in use by another fit with the same settings (lease " + file + " held by "
            + describe(fs, file) + ", renewed " + age / 1000 + " s ago); concurrent fits must"
            + " differ in their settings or checkpointDir. If no such fit runs, the lease is"
            + " taken over " + seconds + " s after its last renewal (Hadoop setting " + SECONDS
            + "), or delete " + file);
      }
      LOG.warn("sparkprop: taking over the lease {} of a fit that stopped renewing it {} s ago",
          file, age / 1000);
      fs.delete(file, false);
    }
    throw new IllegalStateException("unreachable");
  }

  /**
   * Creates {@code file} holding {@code content} only if it does not exist. Hadoop's local file
   * system checks and then creates; the local disk's own exclusive create is atomic.
   */
  private static boolean createExclusive(FileSystem fs, Path file, byte[] content)
      throws IOException {
    if (fs instanceof RawLocalFileSystem local) {
      if (!local.pathToFile(file).createNewFile()) {
        return false;
      }
      try (OutputStream out = fs.create(file, true)) {
        out.write(content);
      }
      return true;
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(content);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(file)) {
        return false;
      }
      throw e;
    }
  }

  private static String describe(FileSystem fs, Path file) {
    try (InputStream in = fs.open(file)) {
      JsonNode holder = JSON.readTree(in);
      return holder.path("holder").asText("?") + " since " + holder.path("since").asText("?");
    } catch (IOException e) {
      return "a fit";
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }

  /** Renews the lease: its modification time, or the file itself where times cannot be set. */
  private void renew() {
    try {
      long now = System.currentTimeMillis();
      fs.setTimes(file, now, -1);
      if (fs.getFileStatus(file).getModificationTime() + renewMillis < now) {
        try (OutputStream out = fs.create(file, true)) {
          out.write(content);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("sparkprop: cannot renew the checkpoint lease {}: {}", file, e.toString());
    }
  }

  /** Stops renewing and deletes the lease, if it is still this one. */
  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (InputStream in = fs.open(file)) {
      if (!token.equals(JSON.readTree(in).path("token").asText())) {
        return; // taken over after this fit stopped renewing it
      }
    } catch (IOException e) {
      return;
    }
    try {
      fs.delete(file, false);
    } catch (IOException e) {
      LOG.warn("sparkprop: cannot delete the checkpoint lease {}: {}", file, e.toString());
    }
  }
}
