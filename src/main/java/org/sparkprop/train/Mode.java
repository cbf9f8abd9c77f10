package org.sparkprop.train;

/**
 * The three ways of feeding backpropagation (batch, mini-batch, incremental): how many samples
 * each weight update sees.
 */
public enum Mode {
  /** All N samples per update: one update per epoch. */
  BATCH,
  /** B samples per update: ⌈N/B⌉ updates per epoch. */
  MINIBATCH,
  /** One random sample per update: N updates per epoch. */
  INCREMENTAL;

  /** The number of samples per update for this mode, given the configured B and N. */
  public int batchSize(int configured, int rows) {
    return switch (this) {
      case BATCH -> Math.max(1, rows);
      case MINIBATCH -> configured;
      case INCREMENTAL -> 1;
    };
  }

  /** Parses a setting value (batch, minibatch or incremental). */
  public static Mode parse(String value) {
    return switch (value.trim().toLowerCase()) {
      case "batch" -> BATCH;
      case "minibatch", "mini-batch" -> MINIBATCH;
      case "incremental", "online" -> INCREMENTAL;
      default -> throw new IllegalArgumentException(
          "mode is '" + value + "'; allowed: batch, minibatch, incremental");
    };
  }
}
