package org.sparkprop.spark;

/**
 * A data set whose shards would not fit in Java arrays (at most 2^31 − 9 floats each): the
 * message says how many partitions it needs at least.
 */
public final class ShardTooLargeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final long partitionsNeeded;

  ShardTooLargeException(long rows, int partitions, int inputs, long partitionsNeeded) {
    super("setting partitions is " + partitions + ": " + rows + " rows of " + inputs
        + " inputs make shards of more than 2^31 floats; use at least " + partitionsNeeded
        + " partitions");
    this.partitionsNeeded = partitionsNeeded;
  }

  /** The smallest number of partitions whose shards fit. */
  public long partitionsNeeded() {
    return partitionsNeeded;
  }
}
