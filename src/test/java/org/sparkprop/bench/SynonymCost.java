package org.sparkprop.bench;

import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.sparkprop.augment.Synonyms;
import org.sparkprop.data.SynonymSource;

/**
 * What a synonym source costs a JVM: seconds to read and parse it, heap it keeps (used heap after
 * a full collection, with and without it), words with synonyms.
 *
 * <pre>scripts/bench --main SynonymCost [wordnet | wordnet:DIR | TABLE]</pre>
 */
public final class SynonymCost {

  private SynonymCost() {}

  public static void main(String[] args) throws InterruptedException {
    String source = args.length > 0 ? args[0] : "wordnet";
    long before = used();
    long start = System.nanoTime();
    Synonyms s = SynonymSource.load(source, new Configuration());
    double seconds = (System.nanoTime() - start) / 1e9;
    long after = used();
    System.out.printf(Locale.ROOT, "%s: %d words with synonyms, read in %.2f s, %.1f MB of"
        + " heap%n", source, s.words(), seconds, (after - before) / 1e6);
    System.out.println(s.of("car"));
  }

  private static long used() throws InterruptedException {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return r.totalMemory() - r.freeMemory();
  }
}
