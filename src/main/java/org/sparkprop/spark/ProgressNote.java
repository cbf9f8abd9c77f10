package org.sparkprop.spark;

/**
 * The latest progress of a fit (updates done, samples/s, ETA) as a short text, set by the
 * driver's progress reporting and appended to the description of every update's Spark job, so
 * that the Spark UI's jobs table shows it too. Safe to set from one thread and read from another.
 */
public final class ProgressNote {

  private volatile String text = "";

  public void set(String text) {
    this.text = text == null ? "" : text;
  }

  /** The note, or "" before any. */
  public String text() {
    return text;
  }

  /** {@code description}, with "; " and the note when there is one. */
  static String describe(String description, ProgressNote note) {
    String t = note == null ? "" : note.text();
    return t.isEmpty() ? description : description + "; " + t;
  }
}
