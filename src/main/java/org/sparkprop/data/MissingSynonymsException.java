package org.sparkprop.data;

/**
 * A synonym source that is not there: the WordNet directory or one of its data files, or a
 * synonyms table, named by {@link #path()}.
 */
public final class MissingSynonymsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String path;

  public MissingSynonymsException(String path, String message) {
    super(message);
    this.path = path;
  }

  /** The path or URI that does not exist. */
  public String path() {
    return path;
  }
}
