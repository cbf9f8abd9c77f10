package org.sparkprop.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sparkprop.augment.Synonyms;

/**
 * Where text augmentation takes its synonyms, as the {@code augment.text.synonyms} setting names
 * it: {@code wordnet} (the WordNet 3.0 data files of the distribution's {@code wordnet-base}
 * package, {@value #WORDNET}), {@code wordnet:DIR} (a directory holding WordNet's {@code
 * data.noun}, {@code data.verb}, {@code data.adj}, {@code data.adv}), or the path of a table of
 * {@code word<TAB>syn1,syn2} lines. Every path is a Hadoop path or URI, read where the synonyms are
 * used (on the executors); each JVM reads a source once and keeps it (WordNet 3.0: 24 MB of
 * data files, 49,065 words with synonyms, about 31 MB of heap; see docs/augmentation.md).
 */
public final class SynonymSource {

  /** Where the {@code wordnet-base} package puts WordNet's files. */
  public static final String WORDNET = "/usr/share/wordnet";

  private static final List<String> PARTS = List.of("noun", "verb", "adj", "adv");
  private static final Map<String, Synonyms> CACHE = new ConcurrentHashMap<>();

  private SynonymSource() {}

  /**
   * The synonyms {@code source} names (see the class comment), read once per JVM; empty or
   * {@code none}: no synonyms.
   *
   * @throws MissingSynonymsException naming the path when the directory or a file is missing
   * @throws IllegalArgumentException naming file and line when a file is malformed
   */
  public static Synonyms load(String source, Configuration conf) {
    String s = source.trim();
    if (s.isEmpty() || s.equalsIgnoreCase("none")) {
      return Synonyms.EMPTY;
    }
    return CACHE.computeIfAbsent(s, k -> read(k, conf));
  }

  /** The WordNet directory of a {@code wordnet} or {@code wordnet:DIR} source, else null. */
  public static String wordNetDir(String source) {
    String s = source.trim();
    if (s.equalsIgnoreCase("wordnet")) {
      return WORDNET;
    }
    return s.regionMatches(true, 0, "wordnet:", 0, 8) ? s.substring(8) : null;
  }

  /**
   * Fails, before any Spark job, when the files {@code source} names are missing.
   *
   * @throws MissingSynonymsException naming the missing path
   */
  public static void check(String source, Configuration conf) {
    String s = source.trim();
    if (s.isEmpty() || s.equalsIgnoreCase("none")) {
      return;
    }
    String dir = wordNetDir(s);
    for (Path p : dir == null ? List.of(new Path(s)) : dataFiles(dir)) {
      require(p, dir, conf);
    }
  }

  private static Synonyms read(String source, Configuration conf) {
    String dir = wordNetDir(source);
    try {
      if (dir == null) {
        Path p = new Path(source);
        require(p, null, conf);
        try (BufferedReader in = open(p, conf)) {
          return Synonyms.table(in, p.toString());
        }
      }
      List<BufferedReader> readers = new ArrayList<>();
      List<String> names = new ArrayList<>();
      try {
        for (Path p : dataFiles(dir)) {
          require(p, dir, conf);
          readers.add(open(p, conf));
          names.add(p.toString());
        }
        return Synonyms.wordNet(readers, names);
      } finally {
        for (BufferedReader r : readers) {
          r.close();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the synonyms of " + source, e);
    }
  }

  private static List<Path> dataFiles(String dir) {
    List<Path> files = new ArrayList<>();
    for (String part : PARTS) {
      files.add(new Path(dir, "data." + part));
    }
    return files;
  }

  private static BufferedReader open(Path p, Configuration conf) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    return new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8),
        1 << 16);
  }

  private static void require(Path p, String wordNetDir, Configuration conf) {
    boolean exists;
    try {
      exists = p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look up " + p, e);
    }
    if (!exists) {
      throw new MissingSynonymsException(p.toString(), wordNetDir == null
          ? "augment.text.synonyms: the synonyms table " + p + " does not exist"
          : "augment.text.synonyms: WordNet's data file " + p + " does not exist (install the"
              + " wordnet-base package, or give wordnet:DIR with WordNet 3.0's data.* files)");
    }
  }
}
