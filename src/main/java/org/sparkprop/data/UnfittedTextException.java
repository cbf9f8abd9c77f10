package org.sparkprop.data;

/**
 * Records of text asked for as features without the text features fit on a training set: the
 * features of {@code data.format=text} come from a tokenizer, a vectorizer and IDF fit together
 * with the network in a train job, which a saved model does not carry.
 */
public final class UnfittedTextException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public UnfittedTextException(String path) {
    super("data.format=text (" + path + "): text records become features only in a train job,"
        + " which fits the tokenizer, vectorizer and IDF on its training set; a saved model does"
        + " not keep them, so evaluate and predict need another format (e.g. parquet of the"
        + " feature vectors)");
  }
}
