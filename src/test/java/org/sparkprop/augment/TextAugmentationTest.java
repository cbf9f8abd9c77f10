package org.sparkprop.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each text operation on a fixed sentence, a fixed seed and a tiny synonyms table. */
class TextAugmentationTest {

  private static final List<String> SENTENCE =
      List.of("the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog");

  static final Synonyms TABLE = Synonyms.table(new BufferedReader(new StringReader(
      "# tiny\nquick\tfast,speedy\nfox\ttod\nlazy\tidle, slothful\ndog\thound\n")), "tiny");

  private static List<String> sorted(List<String> words) {
    List<String> s = new ArrayList<>(words);
    Collections.sort(s);
    return s;
  }

  @Test
  void theTableGivesEachWordItsOwnLineOnly() {
    assertEquals(List.of("idle", "slothful"), TABLE.of("lazy"));
    assertEquals(List.of("hound"), TABLE.of("dog"));
    assertTrue(TABLE.of("hound").isEmpty());
    assertEquals(4, TABLE.words());
    assertThrows(IllegalArgumentException.class, () -> Synonyms.table(
        new BufferedReader(new StringReader("no tab here\n")), "bad"));
  }

  @Test
  void substitutionReplacesWordsThatHaveSynonymsWithOneOfThem() {
    TextAugmentation a = new TextAugmentation(2, 0, 0, 0);
    List<String> out = a.apply(SENTENCE, TABLE, 7, 1, 42);
    assertEquals(SENTENCE.size(), out.size());
    int changed = 0;
    for (int i = 0; i < SENTENCE.size(); i++) {
      if (!out.get(i).equals(SENTENCE.get(i))) {
        changed++;
        assertTrue(TABLE.of(SENTENCE.get(i)).contains(out.get(i)), out.toString());
      }
    }
    assertEquals(2, changed, out.toString());
    assertEquals(out, a.apply(SENTENCE, TABLE, 7, 1, 42));
    // More substitutions than words with synonyms: every such word, no other.
    List<String> all = new TextAugmentation(50, 0, 0, 0).apply(SENTENCE, TABLE, 7, 1, 42);
    for (String w : List.of("quick", "fox", "lazy", "dog")) {
      assertFalse(all.contains(w), all.toString());
    }
    assertEquals(List.of("the", "brown", "jumps", "over", "the"),
        all.stream().filter(w -> !TABLE.has(w) && !List.of("fast", "speedy", "tod", "idle",
            "slothful", "hound").contains(w)).toList());
  }

  @Test
  void insertionAddsSynonymsOfTheSentencesWords() {
    List<String> out = new TextAugmentation(0, 3, 0, 0).apply(SENTENCE, TABLE, 7, 1, 42);
    assertEquals(SENTENCE.size() + 3, out.size());
    List<String> added = new ArrayList<>(out);
    for (String w : SENTENCE) {
      added.remove(w);
    }
    assertEquals(3, added.size());
    for (String w : added) {
      assertTrue(List.of("fast", "speedy", "tod", "idle", "slothful", "hound").contains(w), w);
    }
    // Words in their order: removing the inserted ones gives the sentence back.
    List<String> rest = new ArrayList<>(out);
    for (String w : added) {
      rest.remove(rest.lastIndexOf(w));
    }
    assertEquals(SENTENCE, rest);
    // Nothing to insert without synonyms.
    assertEquals(SENTENCE, new TextAugmentation(0, 3, 0, 0)
        .apply(SENTENCE, Synonyms.EMPTY, 7, 1, 42));
  }

  @Test
  void swapsKeepTheWordsAndChangeTheirOrder() {
    List<String> out = new TextAugmentation(0, 0, 2, 0).apply(SENTENCE, TABLE, 7, 1, 42);
    assertEquals(sorted(SENTENCE), sorted(out));
    assertNotEquals(SENTENCE, out);
    assertEquals(List.of("one"), new TextAugmentation(0, 0, 5, 0)
        .apply(List.of("one"), TABLE, 7, 1, 42));
  }

  @Test
  void deletionDropsAboutPAndNeverEmptiesASentence() {
    TextAugmentation a = new TextAugmentation(0, 0, 0, 0.5);
    int kept = 0;
    for (int k = 1; k <= 200; k++) {
      List<String> out = a.apply(SENTENCE, TABLE, 7, k, 42);
      assertFalse(out.isEmpty());
      kept += out.size();
      // An ordered subsequence of the sentence.
      int i = 0;
      for (String w : out) {
        while (!SENTENCE.get(i).equals(w)) {
          i++;
        }
        i++;
      }
    }
    double share = kept / (200.0 * SENTENCE.size());
    assertTrue(share > 0.42 && share < 0.58, "kept " + share);
    TextAugmentation almostAll = new TextAugmentation(0, 0, 0, 0.999);
    for (int k = 1; k <= 100; k++) {
      List<String> out = almostAll.apply(List.of("a", "b"), TABLE, 3, k, 1);
      assertEquals(1, out.size());
    }
  }

  @Test
  void drawsDependOnSeedCopyAndKeyAlone() {
    TextAugmentation a = new TextAugmentation(1, 1, 1, 0.2);
    List<String> one = a.apply(SENTENCE, TABLE, 7, 1, 42);
    assertEquals(one, a.apply(SENTENCE, TABLE, 7, 1, 42));
    boolean differs = false;
    for (int k = 2; k < 10 && !differs; k++) {
      differs = !a.apply(SENTENCE, TABLE, 7, k, 42).equals(one);
    }
    assertTrue(differs);
    assertEquals(SENTENCE, TextAugmentation.NONE.apply(SENTENCE, TABLE, 7, 1, 42));
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TextAugmentation(0, 0, 0, 1));
    assertTrue(e.getMessage().contains("augment.text.delete is 1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TextAugmentation(-1, 0, 0, 0));
    assertTrue(e.getMessage().contains("augment.text.substitute is -1"), e.getMessage());
  }
}
