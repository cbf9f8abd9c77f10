package org.sparkprop.spark;

/**
 * A barrier stage needs a task slot for every partition at once, and the cluster has fewer: Spark
 * would wait for slots that never come.
 */
public final class BarrierSlotsException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final int partitions;
  private final int slots;

  public BarrierSlotsException(int partitions, int slots) {
    super("setting sync is 'barrier': its stages run all " + partitions + " partitions at once,"
        + " but the cluster has " + slots + " task slots; set partitions to at most " + slots
        + ", add executor cores, or set sync to step or auto");
    this.partitions = partitions;
    this.slots = slots;
  }

  /** The partitions (shards) of the training data. */
  public int partitions() {
    return partitions;
  }

  /** The task slots the cluster had (its executor cores over spark.task.cpus). */
  public int slots() {
    return slots;
  }
}
