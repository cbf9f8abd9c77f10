package org.sparkprop.report;

/**
 * Precision, recall, F1 and support of one class, from confusion counts (row: true class,
 * column: predicted class), as {@code MetricSums.figures} computes them.
 */
public record ClassScores(double precision, double recall, double f1, long support) {

  /** The scores of class {@code k} of {@code confusion}. */
  public static ClassScores of(long[][] confusion, int k) {
    long predicted = 0;
    long actual = 0;
    for (int j = 0; j < confusion.length; j++) {
      predicted += confusion[j][k];
      actual += confusion[k][j];
    }
    long hits = confusion[k][k];
    double precision = predicted == 0 ? 0 : (double) hits / predicted;
    double recall = actual == 0 ? 0 : (double) hits / actual;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new ClassScores(precision, recall, f1, actual);
  }
}
