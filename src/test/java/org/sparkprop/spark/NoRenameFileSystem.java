package org.sparkprop.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code norename://}, with no rename at all, as an
 * object store without an atomic one: {@code norename:///tmp/x} is the local {@code /tmp/x}.
 * {@link #register} makes the scheme known to a Hadoop configuration.
 */
public final class NoRenameFileSystem extends RawLocalFileSystem {

  public static final String SCHEME = "norename";

  private static final URI NAME = URI.create(SCHEME + ":///");

  /** Registers the scheme in {@code hadoop} (as {@code spark.hadoop.fs.norename.impl} does). */
  public static void register(Configuration hadoop) {
    hadoop.set("fs." + SCHEME + ".impl", NoRenameFileSystem.class.getName());
  }

  /** The {@code norename://} URI of a local path. */
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
  public boolean rename(Path src, Path dst) throws IOException {
    throw new UnsupportedOperationException(SCHEME + " has no rename (" + src + " to " + dst + ")");
  }
}
