package org.sparkprop.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Synonyms from WordNet's data files: the parser on synset lines written here, and a few known
 * words in the WordNet 3.0 of the distribution's wordnet-base package (skipped, with a note,
 * where /usr/share/wordnet is missing: scripts/test installs it).
 */
class WordNetSynonymsTest {

  private static final Path WORDNET = Path.of("/usr/share/wordnet");

  @Test
  void synsetLinesMakeTheirSingleWordLemmasSynonyms() {
    String data = "  1 This software and database is being provided\n"
        + "00001740 03 n 03 car 0 auto 0 motor_car 0 001 @ 00002137 n 0000 | a vehicle\n"
        + "00002000 00 a 02 big(a) 0 large 0 000 | above average in size\n"
        + "00003000 03 n 02 auto 0 automobile 1 000 | a car\n";
    Synonyms s = Synonyms.wordNet(List.of(new BufferedReader(new StringReader(data))),
        List.of("data.test"));
    assertEquals(List.of("auto"), s.of("car"));
    assertEquals(List.of("car", "automobile"), s.of("auto"));
    assertEquals(List.of("large"), s.of("big"));
    assertFalse(s.has("motor_car"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Synonyms.wordNet(List.of(new BufferedReader(new StringReader("00001 03 n zz\n"))),
            List.of("data.bad")));
    assertTrue(e.getMessage().startsWith("data.bad line 1"), e.getMessage());
  }

  @Test
  void knownWordsOfWordNet30() throws IOException {
    assumeTrue(Files.isRegularFile(WORDNET.resolve("data.noun")),
        "WordNet is not installed under /usr/share/wordnet (package wordnet-base); skipped");
    List<BufferedReader> readers = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String part : List.of("noun", "verb", "adj", "adv")) {
      readers.add(Files.newBufferedReader(WORDNET.resolve("data." + part)));
      names.add("data." + part);
    }
    Synonyms s = Synonyms.wordNet(readers, names);
    for (BufferedReader r : readers) {
      r.close();
    }
    assertTrue(s.of("car").contains("automobile"), s.of("car").toString());
    assertTrue(s.of("quick").contains("speedy"), s.of("quick").toString());
    assertTrue(s.of("happy").contains("glad"), s.of("happy").toString());
    assertTrue(s.of("begin").contains("start"), s.of("begin").toString());
    assertTrue(s.of("quickly").contains("rapidly"), s.of("quickly").toString());
    assertFalse(s.has("the"));
    // WordNet 3.0: 49,065 single words with at least one synonym.
    assertTrue(s.words() > 40_000 && s.words() < 60_000, s.toString());
  }
}
