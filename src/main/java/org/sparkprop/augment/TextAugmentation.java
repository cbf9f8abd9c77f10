package org.sparkprop.augment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic sentences made from real ones, a sentence being a list of words (tokens): the notes'
 * substitution, insertion and deletion of words, plus swaps (the operations of "easy data
 * augmentation"). Operations apply in a fixed order, each to the result of the one before:
 * substitution, insertion, swap, deletion.
 *
 * <p>Every draw comes from (seed, copy, key) alone ({@link Augmentation#random}); with the key a
 * hash of the sentence, a copy is the same whichever partition, task or order serves it.
 *
 * @param substitute words replaced by one of their synonyms: up to this many distinct positions
 *     among the words that have synonyms
 * @param insert synonyms inserted: this many times, a synonym of a random word of the sentence
 *     (one that has synonyms) goes to a random position
 * @param swap pairs of positions whose words are exchanged, drawn this many times
 * @param delete probability p that a word is deleted; a sentence is never emptied (when every
 *     word is drawn for deletion, one of them, drawn at random, stays)
 */
public record TextAugmentation(int substitute, int insert, int swap, double delete)
    implements Serializable {

  /** No operation at all. */
  public static final TextAugmentation NONE = new TextAugmentation(0, 0, 0, 0);

  public TextAugmentation {
    if (substitute < 0 || insert < 0 || swap < 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "augment.text.substitute is"
          + " %d, augment.text.insert %d and augment.text.swap %d; each must be >= 0",
          substitute, insert, swap));
    }
    if (!(delete >= 0 && delete < 1)) {
      throw new IllegalArgumentException(
          "augment.text.delete is " + delete + "; it must be in [0, 1)");
    }
  }

  /** Whether sentences come out exactly as they went in. */
  public boolean isIdentity() {
    return substitute == 0 && insert == 0 && swap == 0 && delete == 0;
  }

  /** Whether an operation reads synonyms. */
  public boolean needsSynonyms() {
    return substitute > 0 || insert > 0;
  }

  /**
   * A changed copy of {@code words} (left as it is), with draws from (seed, copy, key).
   *
   * @param synonyms where substitution and insertion take their words
   */
  public List<String> apply(List<String> words, Synonyms synonyms, long seed, int copy,
      long key) {
    List<String> w = new ArrayList<>(words);
    if (isIdentity() || w.isEmpty()) {
      return w;
    }
    SplittableRandom random = Augmentation.random(seed, copy, key);
    if (substitute > 0) {
      substitute(w, synonyms, random);
    }
    if (insert > 0) {
      insert(w, synonyms, random);
    }
    if (swap > 0 && w.size() > 1) {
      for (int i = 0; i < swap; i++) {
        int a = random.nextInt(w.size());
        int b = random.nextInt(w.size());
        String t = w.get(a);
        w.set(a, w.get(b));
        w.set(b, t);
      }
    }
    if (delete > 0) {
      w = delete(w, random);
    }
    return w;
  }

  /** Up to {@code substitute} distinct positions with synonyms, in a random order, replaced. */
  private void substitute(List<String> w, Synonyms synonyms, SplittableRandom random) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      if (synonyms.has(w.get(i))) {
        candidates.add(i);
      }
    }
    int n = Math.min(substitute, candidates.size());
    for (int k = 0; k < n; k++) {
      int j = k + random.nextInt(candidates.size() - k); // partial Fisher–Yates shuffle
      int pos = candidates.get(j);
      candidates.set(j, candidates.get(k));
      String[] s = synonyms.array(w.get(pos));
      w.set(pos, s[random.nextInt(s.length)]);
    }
  }

  /** {@code insert} times: a synonym of a random word that has some, at a random position. */
  private void insert(List<String> w, Synonyms synonyms, SplittableRandom random) {
    List<String> withSynonyms = new ArrayList<>();
    for (String word : w) {
      if (synonyms.has(word)) {
        withSynonyms.add(word);
      }
    }
    if (withSynonyms.isEmpty()) {
      return;
    }
    for (int k = 0; k < insert; k++) {
      String[] s = synonyms.array(withSynonyms.get(random.nextInt(withSynonyms.size())));
      w.add(random.nextInt(w.size() + 1), s[random.nextInt(s.length)]);
    }
  }

  private List<String> delete(List<String> w, SplittableRandom random) {
    List<String> kept = new ArrayList<>(w.size());
    for (String word : w) {
      if (random.nextDouble() >= delete) {
        kept.add(word);
      }
    }
    if (kept.isEmpty()) {
      kept.add(w.get(random.nextInt(w.size())));
    }
    return kept;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "TextAugmentation(substitute=%d, insert=%d, swap=%d,"
        + " delete=%s)", substitute, insert, swap, delete);
  }
}
