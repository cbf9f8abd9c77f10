package org.sparkprop.train;

import java.io.Serializable;
import java.util.Locale;
import org.sparkprop.augment.TextAugmentation;

/**
 * How records of text become features, typed from the {@code data.text.*} and {@code
 * augment.text.*} settings (used with {@code data.format=text}).
 *
 * @param layout {@code files} (one file per class, records between lines holding only {@code %}),
 *     {@code csv} or {@code parquet}
 * @param column csv and parquet: the column of the text
 * @param vectorizer {@code hashing} (HashingTF) or {@code count} (CountVectorizer)
 * @param features the hashing dimension, or the largest vocabulary
 * @param idf whether term counts are weighed by their inverse document frequency
 * @param copies changed copies added per training record (0: no augmentation)
 * @param synonyms where substitution and insertion take synonyms (see {@code SynonymSource})
 * @param augmentation the operations that make a copy
 */
public record TextConfig(String layout, String column, String vectorizer, int features,
    boolean idf, int copies, String synonyms, TextAugmentation augmentation)
    implements Serializable {

  /** The defaults of the settings. */
  public static final TextConfig DEFAULT = new TextConfig("files", "text", "hashing", 4096,
      true, 0, "wordnet", TextAugmentation.NONE);

  public TextConfig {
    layout = layout.trim().toLowerCase(Locale.ROOT);
    vectorizer = vectorizer.trim().toLowerCase(Locale.ROOT);
    if (features < 1) {
      throw new IllegalArgumentException(
          "data.text.features is " + features + "; it must be >= 1");
    }
    if (copies < 0) {
      throw new IllegalArgumentException(
          "augment.text.copies is " + copies + "; it must be >= 0");
    }
  }

  /** Whether the training set gets augmented copies. */
  public boolean augments() {
    return copies > 0 && !augmentation.isIdentity();
  }
}
