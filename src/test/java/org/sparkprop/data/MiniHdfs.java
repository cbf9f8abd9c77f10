package org.sparkprop.data;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * One in-process HDFS (a name node and a data node on 127.0.0.1, Hadoop's {@code MiniDFSCluster})
 * shared by the tests of a JVM: {@link #uri()} starts it on first use, {@link #stop()} or the end
 * of the JVM stops it and deletes its storage. Paths are then {@code MiniHdfs.uri() + "/dir/file"},
 * readable and writable by Spark in the same JVM with no configuration, since the URI names the
 * name node.
 */
public final class MiniHdfs {

  private static MiniDFSCluster cluster;
  private static File base;

  private MiniHdfs() {}

  /** The {@code hdfs://127.0.0.1:port} URI of the running cluster, started if needed. */
  public static synchronized String uri() {
    if (cluster == null) {
      start();
    }
    return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  /** A client of the running cluster (started if needed). */
  public static synchronized FileSystem fileSystem() {
    uri();
    try {
      return cluster.getFileSystem();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the cluster and deletes its storage; a later {@link #uri()} starts a fresh one. */
  public static synchronized void stop() {
    if (cluster != null) {
      cluster.shutdown(true);
      cluster = null;
    }
  }

  private static void start() {
    try {
      base = Files.createTempDirectory("sparkprop-hdfs").toFile();
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
      conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
      conf.set("dfs.datanode.address", "127.0.0.1:0");
      conf.set("dfs.datanode.http.address", "127.0.0.1:0");
      conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
      conf.set("dfs.namenode.http-address", "127.0.0.1:0");
      conf.setBoolean("dfs.permissions.enabled", false);
      cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
      cluster.waitActive();
      Runtime.getRuntime().addShutdownHook(new Thread(MiniHdfs::stop));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an in-process HDFS: " + e.getMessage(), e);
    }
  }
}
