package org.sparkprop.augment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Synonyms of single words, lower case: from WordNet's data files (every other single-word lemma
 * of every synset that holds the word) or from a table of {@code word<TAB>syn1,syn2} lines. A
 * word without synonyms maps to none. Immutable once built.
 */
public final class Synonyms implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String[] NONE = new String[0];

  /** No synonyms at all (substitution and insertion change nothing). */
  public static final Synonyms EMPTY = new Synonyms(Map.of());

  private final Map<String, String[]> byWord;

  private Synonyms(Map<String, String[]> byWord) {
    this.byWord = byWord;
  }

  /** The synonyms of {@code word} (lower case), in source order; empty when it has none. */
  public List<String> of(String word) {
    return Arrays.asList(array(word));
  }

  /** The synonyms of {@code word} as an array owned by this object: do not change it. */
  String[] array(String word) {
    String[] s = byWord.get(word);
    return s == null ? NONE : s;
  }

  /** Whether {@code word} has at least one synonym. */
  public boolean has(String word) {
    return byWord.containsKey(word);
  }

  /** The number of words that have synonyms. */
  public int words() {
    return byWord.size();
  }

  /**
   * Synonyms from WordNet 3.0 data files ({@code data.noun}, {@code data.verb}, {@code data.adj},
   * {@code data.adv}, as many as given): each synset line {@code offset lex_filenum ss_type
   * w_cnt word lex_id ... | gloss} makes its single-word lemmas synonyms of one another. Lemmas of
   * several words ({@code ice_cream}) and the header lines (starting with spaces) are skipped;
   * adjective markers such as {@code (a)} are dropped.
   *
   * @param source the file each reader reads, for messages
   * @throws IllegalArgumentException naming the file and line of a malformed synset line
   */
  public static Synonyms wordNet(List<BufferedReader> dataFiles, List<String> source) {
    Builder b = new Builder();
    for (int f = 0; f < dataFiles.size(); f++) {
      BufferedReader in = dataFiles.get(f);
      int lineNo = 0;
      try {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lineNo++;
          if (line.isEmpty() || line.charAt(0) == ' ') {
            continue;
          }
          b.group(lemmas(line, source.get(f), lineNo));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + source.get(f), e);
      }
    }
    return b.build();
  }

  private static List<String> lemmas(String line, String source, int lineNo) {
    String[] f = line.split(" ", 5);
    int count;
    try {
      count = f.length < 5 ? -1 : Integer.parseInt(f[3], 16);
    } catch (NumberFormatException e) {
      count = -1;
    }
    if (count < 1) {
      throw new IllegalArgumentException(source + " line " + lineNo + ": not a WordNet synset"
          + " line (offset lex_filenum ss_type w_cnt word lex_id ...): " + shorten(line));
    }
    String[] rest = f[4].split(" ", 2 * count + 1);
    if (rest.length < 2 * count) {
      throw new IllegalArgumentException(source + " line " + lineNo + ": w_cnt is " + count
          + " but fewer words follow: " + shorten(line));
    }
    List<String> words = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String w = rest[2 * i];
      int marker = w.indexOf('(');
      if (marker > 0) {
        w = w.substring(0, marker);
      }
      if (w.indexOf('_') < 0) {
        words.add(w.toLowerCase(Locale.ROOT));
      }
    }
    return words;
  }

  private static String shorten(String line) {
    return line.length() <= 80 ? line : line.substring(0, 80) + "...";
  }

  /**
   * Synonyms from a table: one {@code word<TAB>syn1,syn2,...} line per word; empty lines and
   * lines starting with {@code #} are skipped. A word's synonyms are only those its own line
   * lists (the table is not made symmetric); words are lower-cased.
   *
   * @throws IllegalArgumentException naming the source and line of a line without a tab
   */
  public static Synonyms table(BufferedReader in, String source) {
    Map<String, Set<String>> map = new HashMap<>();
    int lineNo = 0;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new IllegalArgumentException(source + " line " + lineNo + ": expected"
              + " word<TAB>syn1,syn2,... but found " + shorten(line));
        }
        String word = line.substring(0, tab).trim().toLowerCase(Locale.ROOT);
        Set<String> syns = map.computeIfAbsent(word, k -> new LinkedHashSet<>());
        for (String s : line.substring(tab + 1).split(",")) {
          String syn = s.trim().toLowerCase(Locale.ROOT);
          if (!syn.isEmpty() && !syn.equals(word)) {
            syns.add(syn);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    Map<String, String[]> out = new HashMap<>();
    map.forEach((w, s) -> {
      if (!s.isEmpty()) {
        out.put(w, s.toArray(NONE));
      }
    });
    return new Synonyms(out);
  }

  /** Collects synonym groups; one string instance per distinct word. */
  private static final class Builder {
    private final Map<String, String> words = new HashMap<>();
    private final Map<String, Set<String>> syns = new HashMap<>();

    void group(List<String> lemmas) {
      if (lemmas.size() < 2) {
        return;
      }
      for (String w : lemmas) {
        String word = words.computeIfAbsent(w, k -> k);
        Set<String> set = syns.computeIfAbsent(word, k -> new LinkedHashSet<>());
        for (String other : lemmas) {
          if (!other.equals(w)) {
            set.add(words.computeIfAbsent(other, k -> k));
          }
        }
      }
    }

    Synonyms build() {
      Map<String, String[]> out = new HashMap<>(syns.size() * 2);
      syns.forEach((w, s) -> {
        if (!s.isEmpty()) {
          out.put(w, s.toArray(NONE));
        }
      });
      return new Synonyms(out);
    }
  }

  @Override
  public String toString() {
    return "Synonyms(" + byWord.size() + " words)";
  }
}
